import Foundation

/// Typed access to one section's keys. Each getter reports a wrong type or
/// an out-of-range value and returns nil, so the caller keeps its default
/// and carries on looking for more problems.
struct ConfigFields {
    let section: ConfigSection
    var problems: ConfigProblemList

    init(_ section: ConfigSection, problems: ConfigProblemList) {
        self.section = section
        self.problems = problems
    }

    func entry(_ key: String) -> ConfigEntry? { section.entries[key] }

    mutating func reportUnknownKeys(allowed: [String]) {
        for key in section.keys where !allowed.contains(key) {
            guard let entry = section.entries[key] else { continue }
            var message = "unknown key \(key.quotedForMessage) in \(section.label); "
            if let match = ClosestMatch.find(key, among: allowed) {
                message += "did you mean '\(match)'? Allowed keys: "
            } else {
                message += "allowed keys: "
            }
            message += allowed.joined(separator: ", ")
            problems.add(message, at: entry.position)
        }
    }

    mutating func string(_ key: String, allowEmpty: Bool = false) -> String? {
        guard let entry = entry(key) else { return nil }
        switch entry.value {
        case .string(let text):
            if !allowEmpty, text.allSatisfy(\.isWhitespace) {
                problems.add("'\(key)' must not be empty", at: entry.valuePosition)
                return nil
            }
            return text
        case .invalid:
            return nil
        default:
            return wrongType(entry, expected: "a string in double quotes")
        }
    }

    mutating func integer(_ key: String, in range: ClosedRange<Int>, rule: String) -> Int? {
        guard let entry = entry(key) else { return nil }
        switch entry.value {
        case .integer(let number):
            guard range.contains(number) else {
                problems.add("'\(key)' must be \(rule), not \(number)", at: entry.valuePosition)
                return nil
            }
            return number
        case .float(let number):
            problems.add("'\(key)' must be a whole number, not \(number)", at: entry.valuePosition)
            return nil
        case .invalid:
            return nil
        default:
            return wrongType(entry, expected: "a whole number")
        }
    }

    /// A duration: whole or fractional seconds, more than 0, at most `maximum`.
    mutating func seconds(_ key: String, maximum: TimeInterval) -> TimeInterval? {
        guard let entry = entry(key) else { return nil }
        let seconds: TimeInterval
        switch entry.value {
        case .integer(let number): seconds = TimeInterval(number)
        case .float(let number): seconds = number
        case .invalid: return nil
        default: return wrongType(entry, expected: "a number of seconds")
        }
        guard seconds > 0, seconds <= maximum else {
            problems.add(
                "'\(key)' must be more than 0 and at most \(Int(maximum)) seconds, not \(Self.show(seconds))",
                at: entry.valuePosition
            )
            return nil
        }
        return seconds
    }

    mutating func strings(_ key: String) -> [ConfigItem]? {
        guard let entry = entry(key) else { return nil }
        switch entry.value {
        case .strings(let items): return items
        case .invalid: return nil
        default: return wrongType(entry, expected: "a list of strings, like [\"a\", \"b\"]")
        }
    }

    private mutating func wrongType<T>(_ entry: ConfigEntry, expected: String) -> T? {
        problems.add("'\(entry.key)' must be \(expected), not \(entry.value.kind)", at: entry.valuePosition)
        return nil
    }

    private static func show(_ seconds: TimeInterval) -> String {
        seconds.rounded() == seconds && abs(seconds) < 1e15 ? String(Int(seconds)) : String(seconds)
    }
}
