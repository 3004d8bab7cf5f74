import Foundation

/// A message as the script reads it: lower-case words without accents or
/// apostrophes ("Can’t" → "cant", "Español" → "espanol"), so a pattern
/// written one way matches the ways visitors type it.
public struct VisitorWords: Sendable {
    public let words: [String]

    public init(_ text: String) {
        words = Self.words(in: text)
    }

    static func words(in text: String) -> [String] {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                current.append(scalar)
            } else if scalar == "'" || scalar == "\u{2019}" {
                continue
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    public func contains(_ word: String) -> Bool { words.contains(word) }

    public func containsAny(_ list: Set<String>) -> Bool { words.contains(where: list.contains) }

    public func matches(_ patterns: [ScriptPattern]) -> Bool { patterns.contains { $0.matches(self) } }
}
