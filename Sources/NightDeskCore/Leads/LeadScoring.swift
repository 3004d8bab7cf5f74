import Foundation

/// A site's scoring rules: a lead matching any `cold` rule is cold (so spam
/// never outranks a patient), else hot if it matches a `hot` rule, else warm
/// if it matches a `warm` rule, else cold.
public struct LeadScoring: Sendable, Equatable {
    /// All of `required` hold and none of `excluded`: "existing patient + has phone".
    public struct Rule: Sendable, Equatable {
        public var required: [LeadSignal]
        public var excluded: [LeadSignal]
        public var text: String

        public func matches(_ signals: Set<LeadSignal>) -> Bool {
            required.allSatisfy(signals.contains) && !excluded.contains(where: signals.contains)
        }
    }

    public var cold: [Rule]
    public var hot: [Rule]
    public var warm: [Rule]

    public init(cold: [Rule], hot: [Rule], warm: [Rule]) {
        self.cold = cold
        self.hot = hot
        self.warm = warm
    }

    /// The score and the reasons the lead keeps: every signal present.
    public func score(_ facts: LeadFacts) -> (LeadScore, [String]) {
        let present = LeadSignal.present(in: facts)
        let signals = Set(present)
        let reasons = present.filter { !$0.isRedundantReason }.map(\.rawValue)
        if cold.contains(where: { $0.matches(signals) }) { return (.cold, reasons) }
        if hot.contains(where: { $0.matches(signals) }) { return (.hot, reasons) }
        if warm.contains(where: { $0.matches(signals) }) { return (.warm, reasons) }
        return (.cold, reasons)
    }

    /// Parses "existing patient + has phone" or "abusive + not need stated";
    /// the problem in words when a signal is unknown.
    public static func rule(_ text: String) -> Result<Rule, RuleProblem> {
        var rule = Rule(required: [], excluded: [], text: text)
        let parts = text.split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard !parts.isEmpty, !parts.contains(where: \.isEmpty) else {
            return .failure(RuleProblem(message: "empty scoring rule \(text.quotedForMessage); write signals joined by '+', like \"has phone + need stated\""))
        }
        for part in parts {
            let negated = part.hasPrefix("not ")
            let name = negated ? String(part.dropFirst(4)).trimmingCharacters(in: .whitespaces) : part
            guard let signal = LeadSignal(rawValue: name) else {
                let known = LeadSignal.allCases.map(\.rawValue)
                var message = "unknown signal \(name.quotedForMessage) in scoring rule"
                if let match = ClosestMatch.find(name, among: known) { message += "; did you mean '\(match)'?" }
                message += " Signals: " + known.joined(separator: ", ")
                return .failure(RuleProblem(message: message))
            }
            if negated { rule.excluded.append(signal) } else { rule.required.append(signal) }
        }
        return .success(rule)
    }

    public struct RuleProblem: Error, Sendable {
        public var message: String
    }

    /// The rules a script without `[scoring]` gets; the README lists them.
    public static let defaultRuleText = (
        cold: ["spam", "abusive + not need stated"],
        hot: ["urgent", "existing patient + has callback", "wants appointment soon + has phone", "need stated + has phone"],
        warm: ["has callback", "existing patient + need stated"]
    )

    public static let defaults = LeadScoring(
        cold: defaultRuleText.cold.compactMap { try? rule($0).get() },
        hot: defaultRuleText.hot.compactMap { try? rule($0).get() },
        warm: defaultRuleText.warm.compactMap { try? rule($0).get() }
    )
}
