import Foundation

/// A message as the script reads it: lower-case words without accents or
/// apostrophes ("Can’t" → "cant", "Español" → "espanol"), so a pattern
/// written one way matches the ways visitors type it.
public struct VisitorWords: Sendable {
    public let words: [String]
    /// The same words as a set, for long messages only (nil otherwise): a
    /// pattern whose words are not all here cannot match, which rules out
    /// most patterns before any scan. A short message is searched word by
    /// word instead: comparing a few small strings costs far less than
    /// hashing, and a visitor's message runs past every pattern of the
    /// script (hashing was a fifth of a relayed message's instructions).
    private let distinct: Set<String>?
    private static let setFromWords = 12

    public init(_ text: String) {
        words = Self.words(in: text)
        distinct = words.count > Self.setFromWords ? Set(words) : nil
    }

    static func words(in text: String) -> [String] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiWords(text) }
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

    /// Most messages are ASCII: split and lower-case the bytes directly,
    /// without Foundation's folding, which costs many times more.
    private static func asciiWords(_ text: String) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                current.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                current.append(byte | 0x20)
            case UInt8(ascii: "'"):
                continue
            default:
                if !current.isEmpty {
                    words.append(String(decoding: current, as: UTF8.self))
                    current.removeAll(keepingCapacity: true)
                }
            }
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        return words
    }

    public func contains(_ word: String) -> Bool {
        if let distinct { return distinct.contains(word) }
        return words.contains(word)
    }

    public func containsAny(_ list: Set<String>) -> Bool {
        if let distinct { return !distinct.isDisjoint(with: list) }
        return words.contains(where: list.contains)
    }

    public func matches(_ patterns: [ScriptPattern]) -> Bool { patterns.contains { $0.matches(self) } }
}
