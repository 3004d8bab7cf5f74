/// What the conversation so far tells about the lead: who, how to call back,
/// what they need, whether it is urgent.
public struct LeadFacts: Sendable, Equatable {
    public var name: String?
    public var phone: String?
    public var email: String?
    public var need: String?
    public var urgent = false

    public init() {}

    public var hasCallback: Bool { phone != nil || email != nil }
    public var isComplete: Bool { name != nil && need != nil && hasCallback }
}

/// Pulls phone numbers, emails and names out of free text.
public enum ContactExtractor {
    /// A dialable number: 7 to 15 digits, optionally with +, spaces, dots,
    /// dashes and parentheses between them.
    public static func phone(in text: String) -> String? {
        var best: String?
        var current = ""
        var digits = 0
        func finish() {
            let trimmed = current.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "-.")))
            if (7...15).contains(digits), best == nil { best = trimmed }
            current = ""
            digits = 0
        }
        for ch in text {
            if ch.isASCII, ch.isNumber {
                current.append(ch)
                digits += 1
            } else if "+()-. ".contains(ch), !(current.isEmpty && ch != "+" && ch != "(") {
                current.append(ch)
            } else {
                finish()
            }
        }
        finish()
        return best
    }

    public static func email(in text: String) -> String? {
        for raw in text.split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == ";" || $0 == "<" || $0 == ">" }) {
            let word = raw.trimmingCharacters(in: CharacterSet(charactersIn: ".!?()[]\"'"))
            let parts = word.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
                  !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), word.count <= 254 else { continue }
            return String(word)
        }
        return nil
    }

    private static let namePrefixes = ["my name is ", "my name's ", "i am ", "i'm ", "im ", "this is ", "it's ", "its ", "name is ", "call me "]

    /// A name stated outright ("my name is Ava Stone") anywhere in the text.
    public static func statedName(in text: String) -> String? {
        let lower = text.lowercased()
        for prefix in namePrefixes.prefix(2) {
            if let range = lower.range(of: prefix) {
                let rest = String(text[range.upperBound...])
                return nameWords(rest)
            }
        }
        return nil
    }

    /// The text as a name, when it reads like an answer to "what's your name?".
    public static func nameAnswer(_ text: String) -> String? {
        var body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = body.lowercased()
        for prefix in namePrefixes where lower.hasPrefix(prefix) {
            body = String(body.dropFirst(prefix.count))
            break
        }
        let words = body.split(whereSeparator: { $0.isWhitespace })
        guard (1...3).contains(words.count), body.count <= 40,
              body.allSatisfy({ $0.isLetter || $0 == " " || $0 == "-" || $0 == "'" || $0 == "." || $0 == "!" }) else { return nil }
        return nameWords(body)
    }

    private static func nameWords(_ text: String) -> String? {
        let stop: Set<String> = ["and", "my", "phone", "number", "email", "i", "the", "here"]
        var words: [String] = []
        for raw in text.split(whereSeparator: { $0.isWhitespace || $0 == "," }) {
            let word = raw.trimmingCharacters(in: CharacterSet(charactersIn: ".!?"))
            guard !word.isEmpty, word.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "'" }),
                  !stop.contains(word.lowercased()), words.count < 3 else { break }
            words.append(word.prefix(1).uppercased() + word.dropFirst())
        }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }
}

import Foundation
