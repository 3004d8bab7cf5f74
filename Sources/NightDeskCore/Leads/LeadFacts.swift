/// What the conversation so far tells about the lead: who, how to call back,
/// what they need, how soon, whether it is urgent.
public struct LeadFacts: Sendable, Equatable {
    public var name: String?
    public var phone: String?
    public var email: String?
    public var need: String?
    public var urgent = false
    public var patient: PatientKind?
    /// When the visitor would like the call, in their words.
    public var bestTime: String?
    /// Asked for an appointment today, tomorrow or this week.
    public var wantsSoon = false
    /// What the visitor asked about (the script's FAQ topics), in order.
    public var topics: [String] = []
    /// Links with no stated need: most likely spam.
    public var spam = false
    public var abusive = false

    public init() {}

    public var hasCallback: Bool { phone != nil || email != nil }
    public var isComplete: Bool { name != nil && need != nil && hasCallback }

    /// What the morning callback still lacks, in the words the review page shows.
    public var missing: [String] {
        var missing: [String] = []
        if name == nil { missing.append("name") }
        if need == nil { missing.append("need") }
        if !hasCallback { missing.append("phone or email") }
        return missing
    }

    /// These facts with what an agent recorded (`lead` fields) put over them:
    /// a person's word wins over the responder's inference.
    public func overlaid(with recorded: [String: String]) -> LeadFacts {
        var f = self
        if let v = recorded["name"], !v.isEmpty { f.name = v }
        if let v = recorded["phone"], !v.isEmpty { f.phone = v }
        if let v = recorded["email"], !v.isEmpty { f.email = v }
        if let v = recorded["reason"], !v.isEmpty { f.need = v }
        return f
    }
}

/// New or existing patient: existing patients are the practice's best leads.
public enum PatientKind: String, Sendable {
    case new, existing
}

/// Pulls phone numbers, emails and names out of free text.
public enum ContactExtractor {
    /// A dialable number: 7 to 15 digits, optionally with +, spaces, dots,
    /// dashes and parentheses between them. Scans bytes: it runs on every message.
    public static func phone(in text: String) -> String? {
        let bytes = Array(text.utf8)
        var start = -1, end = -1, digits = 0
        func finish() -> String? {
            defer { start = -1; end = -1; digits = 0 }
            guard (7...15).contains(digits), start >= 0 else { return nil }
            return String(decoding: bytes[start...end], as: UTF8.self)
        }
        for (i, b) in bytes.enumerated() {
            if (0x30...0x39).contains(b) {
                if start < 0 { start = i }
                end = i
                digits += 1
            } else if b == UInt8(ascii: "+") || b == UInt8(ascii: "(") {
                if start < 0 { start = i } else if let found = finish() { return found }
            } else if start >= 0, b == UInt8(ascii: " ") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: ")") {
                if b == UInt8(ascii: ")") { end = i }
                continue
            } else if let found = finish() {
                return found
            }
        }
        return finish()
    }

    public static func email(in text: String) -> String? {
        // Most messages have no "@": skip the word split they would cost.
        guard text.utf8.contains(UInt8(ascii: "@")) else { return nil }
        for raw in text.split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == ";" || $0 == "<" || $0 == ">" }) {
            let word = trim(String(raw), ".!?()[]\"'")
            let parts = word.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
                  !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), word.count <= 254 else { continue }
            return String(word)
        }
        return nil
    }

    private static let namePrefixes = ["my name is ", "my name's ", "i am ", "i'm ", "im ", "this is ", "it's ", "its ", "name is ", "call me "]

    private static let statedNamePrefixes = namePrefixes.prefix(2).map { Array($0.utf8) }
    /// Weaker cues ("I'm", "this is"): they count only before a capitalised
    /// word, so "I'm having pain" is not a name.
    private static let cuedNamePrefixes = ["i am ", "i'm ", "i\u{2019}m ", "this is ", "it's ", "call me "].map { Array($0.utf8) }

    /// A name stated outright ("my name is Ava Stone", "Hi, I'm Ava")
    /// anywhere in the text.
    public static func statedName(in text: String) -> String? {
        let bytes = Array(text.utf8)
        // ASCII-only lower-casing keeps byte offsets equal to the original's.
        let lower = bytes.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        for prefix in statedNamePrefixes {
            if let end = TextScan.end(of: prefix, in: lower) {
                return nameWords(String(decoding: bytes[end...], as: UTF8.self))
            }
        }
        for prefix in cuedNamePrefixes {
            guard let end = TextScan.end(of: prefix, in: lower), end < bytes.count else { continue }
            let start = end - prefix.count
            let atWordStart = start == 0 || !((0x61...0x7A).contains(lower[start - 1]))
            guard atWordStart, (0x41...0x5A).contains(bytes[end]) else { continue }
            return nameWords(String(decoding: bytes[end...], as: UTF8.self))
        }
        return nil
    }

    /// The text as a name, when it reads like an answer to "what's your name?".
    public static func nameAnswer(_ text: String) -> String? {
        var body = trim(text, " \n\t\r")
        // The longest prefix is 11 characters: only the start need be
        // lower-cased, and a long message is no name (ASCII, most of them,
        // has as many characters as bytes).
        let lower = body.prefix(20).lowercased()
        for prefix in namePrefixes where lower.hasPrefix(prefix) {
            body = String(body.dropFirst(prefix.count))
            break
        }
        guard body.utf8.count <= 40 || (!body.utf8.allSatisfy { $0 < 0x80 } && body.count <= 40) else { return nil }
        // Up to four pieces: enough to tell a name of one to three words
        // from a sentence without splitting all of it.
        let words = body.split(maxSplits: 3, whereSeparator: { $0.isWhitespace })
        guard (1...3).contains(words.count),
              body.allSatisfy({ $0.isLetter || $0 == " " || $0 == "-" || $0 == "'" || $0 == "." || $0 == "!" }) else { return nil }
        return nameWords(body)
    }

    /// Where a stated name ends ("Ava and my number is …").
    private static let nameStopWords: Set<String> = [
        "and", "my", "phone", "number", "email", "i", "the", "here", "a", "an", "new", "existing", "calling", "looking",
        "from", "with", "about", "at", "on", "in", "but", "so", "to",
    ]

    private static func nameWords(_ text: String) -> String? {
        var words: [String] = []
        // A name is at most three words: the rest of a long message is
        // left in one piece, unsplit (a fourth piece is never looked at).
        for raw in text.split(maxSplits: 3, whereSeparator: { $0.isWhitespace || $0 == "," }) {
            let word = trim(String(raw), ".!?")
            guard !word.isEmpty, word.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "'" }),
                  !nameStopWords.contains(word.lowercased()), words.count < 3 else { break }
            words.append(word.prefix(1).uppercased() + word.dropFirst())
        }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// Drops the given characters from both ends.
    static func trim(_ s: String, _ characters: String) -> String {
        // A handful of characters: a set of them cost more to build (per
        // call, per word of a name) than the search it saved.
        guard let first = s.firstIndex(where: { !characters.contains($0) }),
              let last = s.lastIndex(where: { !characters.contains($0) }) else { return "" }
        return String(s[first...last])
    }
}
