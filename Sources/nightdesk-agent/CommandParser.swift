/// Turns a typed line into an `AgentInput`. Pure, so every command's syntax
/// and every mistake's message is unit-tested.
enum CommandParser {
    static let leadKeys = ["name", "phone", "email", "reason", "score"]
    static let scores = ["hot", "warm", "cold"]

    static func parse(_ line: String) -> AgentInput {
        let trimmed = line.trimmingWhitespace()
        if trimmed.isEmpty { return .empty }
        // "//text" sends "/text": a way to say something that starts with a slash.
        if trimmed.hasPrefix("//") { return .say(String(trimmed.dropFirst())) }
        guard trimmed.hasPrefix("/") else { return .say(line.trimmingTrailingWhitespace()) }
        let body = trimmed.dropFirst()
        let name = body.prefix { !$0.isWhitespace }.lowercased()
        let rest = String(body.dropFirst(name.count)).trimmingWhitespace()
        let words = rest.split(whereSeparator: \.isWhitespace).map(String.init)
        switch name {
        case "help", "?": return .action(.help)
        case "available", "avail", "on": return noArguments(.available, words, "/available")
        case "away", "off": return noArguments(.away, words, "/away")
        case "list", "ls": return noArguments(.list, words, "/list")
        case "quit", "exit": return noArguments(.quit, words, "/quit")
        case "accept": return optionalNumber(words, "/accept [N]") { .accept($0) }
        case "decline": return optionalNumber(words, "/decline [N]") { .decline($0) }
        case "release": return optionalNumber(words, "/release [N]") { .release($0) }
        case "take", "takeover": return requiredNumber(words, "/take N (the number from /list)") { .take($0) }
        case "switch", "sw", "s": return requiredNumber(words, "/switch N") { .switchTo($0) }
        case "close": return parseClose(words)
        case "lead": return parseLead(rest)
        default:
            return .invalid("unknown command /\(name) (/help lists them; //text sends /text)")
        }
    }

    /// "#3", "3" → 3.
    static func chatNumber(_ word: String) -> Int? {
        let digits = word.hasPrefix("#") ? String(word.dropFirst()) : word
        guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy(\.isASCIIDigit), let n = Int(digits), n > 0 else { return nil }
        return n
    }

    private static func noArguments(_ action: AgentAction, _ words: [String], _ usage: String) -> AgentInput {
        words.isEmpty ? .action(action) : .invalid("\(usage) takes no arguments")
    }

    private static func optionalNumber(_ words: [String], _ usage: String, _ make: (Int?) -> AgentAction) -> AgentInput {
        if words.isEmpty { return .action(make(nil)) }
        guard words.count == 1, let n = chatNumber(words[0]) else { return .invalid("usage: \(usage)") }
        return .action(make(n))
    }

    private static func requiredNumber(_ words: [String], _ usage: String, _ make: (Int) -> AgentAction) -> AgentInput {
        guard words.count == 1, let n = chatNumber(words[0]) else { return .invalid("usage: \(usage)") }
        return .action(make(n))
    }

    private static func parseClose(_ words: [String]) -> AgentInput {
        let usage = "usage: /close [N] booked|callback|info|spam|other"
        var number: Int?
        var disposition: Disposition?
        for word in words {
            if let n = chatNumber(word), number == nil {
                number = n
            } else if let d = Disposition(rawValue: word.lowercased()), disposition == nil {
                disposition = d
            } else {
                return .invalid("\(usage) (not understood: \(word))")
            }
        }
        guard let disposition else { return .invalid(usage) }
        return .action(.close(number, disposition))
    }

    private static func parseLead(_ rest: String) -> AgentInput {
        let usage = "usage: /lead [N] name=... phone=... email=... reason=\"...\" score=hot|warm|cold"
        let tokens: [String]
        switch QuotedWords.split(rest) {
        case .success(let t): tokens = t
        case .failure(let problem): return .invalid("\(problem.message); \(usage)")
        }
        var number: Int?
        var fields: [LeadField] = []
        for (index, token) in tokens.enumerated() {
            if index == 0, !token.contains("="), let n = chatNumber(token) {
                number = n
                continue
            }
            guard let eq = token.firstIndex(of: "=") else {
                return .invalid("\(token.debugDescription) is not key=value; \(usage)")
            }
            let key = token[..<eq].lowercased()
            let value = String(token[token.index(after: eq)...]).trimmingWhitespace()
            guard leadKeys.contains(key) else {
                return .invalid("unknown lead field \(key.debugDescription): use \(leadKeys.joined(separator: ", "))")
            }
            if key == "score", !scores.contains(value.lowercased()) {
                return .invalid("score must be hot, warm or cold")
            }
            let stored = key == "score" ? value.lowercased() : value
            fields.removeAll { $0.key == key }
            fields.append(LeadField(key: key, value: stored))
        }
        guard !fields.isEmpty else { return .invalid(usage) }
        return .action(.lead(number, fields))
    }
}

extension String {
    func trimmingWhitespace() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    func trimmingTrailingWhitespace() -> String {
        String(reversed().drop { $0.isWhitespace }.reversed())
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
