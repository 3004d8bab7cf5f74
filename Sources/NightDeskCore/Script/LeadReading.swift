/// How the script reads a message into the lead: facts anywhere in free
/// text, and the answer to the question the visitor was asked.
enum LeadReading {
    enum Answer: Equatable {
        case given, declined, unfit
    }

    static let needLimit = 300
    static let bestTimeLimit = 100

    /// Facts a message states whatever was asked: numbers, emails, a stated
    /// name, an emergency, a need, how soon, new or existing patient.
    static func absorb(_ text: String, _ words: VisitorWords, _ script: SiteScript, into facts: inout LeadFacts) {
        if words.matches(script.emergencyPatterns) { facts.urgent = true }
        // The latest number or email wins: visitors correct themselves.
        if let phone = ContactExtractor.phone(in: text) { facts.phone = phone }
        if let email = ContactExtractor.email(in: text) { facts.email = email }
        if let name = ContactExtractor.statedName(in: text) { facts.name = name }
        if let kind = VisitorSignals.patientMention(words) { facts.patient = kind }
        if VisitorSignals.wantsSoon(words) { facts.wantsSoon = true }
        if facts.need == nil, VisitorSignals.statesNeed(words) || facts.urgent { facts.need = clipped(text, needLimit) }
        if VisitorSignals.isAbusive(words) { facts.abusive = true }
        facts.spam = facts.need == nil && (facts.spam || VisitorSignals.hasLink(text))
    }

    /// Whether the message answers a step asking for `field`.
    static func answer(_ text: String, _ words: VisitorWords, for field: AnswerField, before: LeadFacts,
                       into facts: inout LeadFacts, _ context: ResponderContext) -> Answer {
        let now = facts.overlaid(with: context.recorded)
        if field.isKnown(in: now), !field.isKnown(in: before) { return .given }
        if field == .patient, let kind = VisitorSignals.patientAnswer(words) {
            facts.patient = kind
            return .given
        }
        if VisitorSignals.refuses(words) { return .declined }
        switch field {
        case .name:
            guard let name = nameAnswer(text) else { return .unfit }
            facts.name = name
            return .given
        case .need:
            guard !VisitorSignals.isFiller(words), !isOnlyContact(text, words) else { return .unfit }
            facts.need = clipped(text, needLimit)
            return .given
        case .phone:
            // An email instead of a number answers the question another way.
            return now.email != nil && before.email == nil ? .declined : .unfit
        case .bestTime:
            guard !VisitorSignals.isFiller(words) || words.containsAny(VisitorSignals.timeWords), !words.words.isEmpty else { return .unfit }
            facts.bestTime = clipped(text, bestTimeLimit)
            return .given
        case .patient, .email, .callback:
            return .unfit
        }
    }

    /// The name in an answer to "what's your name?": the whole answer, or
    /// its first part before a comma ("Ava, existing patient, ...").
    static func nameAnswer(_ text: String) -> String? {
        let answer = withoutGreeting(text)
        let first = answer.split(separator: ",", maxSplits: 1).first.map(String.init) ?? answer
        for candidate in [answer, first] {
            guard let name = ContactExtractor.nameAnswer(candidate) else { continue }
            let words = VisitorWords(name)
            if words.words.contains(where: VisitorSignals.notNameWords.contains) { continue }
            return name
        }
        return nil
    }

    /// "Hi, it's Ava" → "it's Ava": greetings are not part of a name.
    static func withoutGreeting(_ text: String) -> String {
        var rest = Substring(text)
        // The longest greeting is 12 characters: lower-casing the start is
        // enough, where the whole message was lower-cased for each.
        let start = rest.prefix(20).lowercased()
        for greeting in ["hi", "hello", "hey", "hiya", "good evening", "good morning", "evening"] {
            if start.hasPrefix(greeting) {
                rest = rest.dropFirst(greeting.count)
                rest = rest.drop { $0 == "," || $0 == "!" || $0 == "." || $0 == " " }
                break
            }
        }
        return String(rest)
    }

    /// A message that is a number or an address and little else.
    static func isOnlyContact(_ text: String, _ words: VisitorWords) -> Bool {
        guard ContactExtractor.phone(in: text) != nil || ContactExtractor.email(in: text) != nil else { return false }
        return words.words.filter { !$0.allSatisfy(\.isNumber) }.count <= 4
    }

    static func clipped(_ text: String, _ limit: Int) -> String {
        let trimmed = ContactExtractor.trim(text, " \n\t\r")
        return trimmed.count <= limit ? trimmed : String(trimmed.prefix(limit)) + "…"
    }
}
