import Foundation

/// A message as the script reads it: lower-case words without accents or
/// apostrophes ("Can’t" → "cant", "Español" → "espanol"), so a pattern
/// written one way matches the ways visitors type it.
public struct VisitorWords: Sendable {
    public let words: [String]
    /// Each word's `WordKey`, in order: a pattern whose words are not all
    /// here cannot match, which rules out most patterns before any scan. A
    /// visitor's message runs past every pattern of the script, so this
    /// check is a handful of integer compares, not string hashing (which
    /// was a fifth of a relayed message's instructions).
    let keys: [UInt64]
    /// The keys as a set, for long messages only.
    private let keySet: Set<UInt64>?
    private static let setFromWords = 12

    public init(_ text: String) {
        words = Self.words(in: text)
        keys = words.map(WordKey.of)
        keySet = keys.count > Self.setFromWords ? Set(keys) : nil
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

    /// Whether some word has this key; a yes may be a collision, which the
    /// word-by-word match that follows rules out.
    func mayContain(_ key: UInt64) -> Bool {
        if let keySet { return keySet.contains(key) }
        return keys.contains(key)
    }

    public func contains(_ word: String) -> Bool {
        mayContain(WordKey.of(word)) && words.contains(word)
    }

    public func containsAny(_ list: Set<String>) -> Bool {
        words.contains(where: list.contains)
    }

    public func matches(_ patterns: ScriptPatternSet) -> Bool { patterns.matches(self) }
}

/// A word's 64-bit FNV-1a hash: fixed (unlike Swift's seeded hashing), so a
/// pattern's words are hashed once when the script loads, and cheap for the
/// short words visitors type.
enum WordKey {
    static func of(_ word: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
