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
    /// Each word's `WordStem` (0 for words under three bytes), for the
    /// prefix patterns.
    let stems: [UInt32]
    /// The keys sorted, for long messages only (cheaper to make than a
    /// `Set`, which hashes each key again).
    private let sortedKeys: [UInt64]?
    private static let sortedFromWords = 12

    public init(_ text: String) {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            (words, keys, stems) = Self.asciiWordsAndKeys(text)
        } else {
            words = Self.foldedWords(text)
            keys = words.map(WordKey.of)
            stems = words.map { WordStem.of($0) ?? 0 }
        }
        sortedKeys = keys.count > Self.sortedFromWords ? keys.sorted() : nil
    }

    private static func foldedWords(_ text: String) -> [String] {
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

    static func words(in text: String) -> [String] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiWordsAndKeys(text).words }
        return foldedWords(text)
    }

    /// Most messages are ASCII: split and lower-case the bytes directly,
    /// without Foundation's folding, which costs many times more, and hash
    /// each word on the way (`WordKey.of` would read it again).
    private static func asciiWordsAndKeys(_ text: String) -> (words: [String], keys: [UInt64], stems: [UInt32]) {
        var text = text
        return text.withUTF8 { bytes in
            // As long as the text, so any word fits: on the stack for most.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { scratch in
                // Locals of this closure alone: captured by a nested
                // function they were boxed, with a run-time exclusivity
                // check on every append.
                var words: [String] = []
                var keys: [UInt64] = []
                var stems: [UInt32] = []
                words.reserveCapacity(16)
                keys.reserveCapacity(16)
                stems.reserveCapacity(16)
                var length = 0
                var key = WordKey.start
                for index in 0...bytes.count {
                    let byte = index < bytes.count ? bytes[index] : UInt8(ascii: " ")
                    let folded: UInt8
                    switch byte {
                    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): folded = byte
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"): folded = byte | 0x20
                    case UInt8(ascii: "'"): continue
                    default:
                        if length > 0 {
                            words.append(String(decoding: UnsafeBufferPointer(rebasing: scratch[..<length]), as: UTF8.self))
                            keys.append(key)
                            stems.append(length < 3 ? 0 : WordStem.of(scratch[0], scratch[1], scratch[2]))
                            length = 0
                            key = WordKey.start
                        }
                        continue
                    }
                    scratch[length] = folded
                    length += 1
                    key = WordKey.adding(folded, to: key)
                }
                return (words, keys, stems)
            }
        }
    }

    /// Whether some word has this key; a yes may be a collision, which the
    /// word-by-word match that follows rules out.
    func mayContain(_ key: UInt64) -> Bool {
        guard let sortedKeys else { return keys.contains(key) }
        let at = WordKey.firstPosition(of: key, in: sortedKeys)
        return at < sortedKeys.count && sortedKeys[at] == key
    }

    public func contains(_ word: String) -> Bool {
        mayContain(WordKey.of(word)) && words.contains(word)
    }

    public func containsAny(_ list: Set<String>) -> Bool {
        words.contains(where: list.contains)
    }

    func containsAny(_ list: WordList) -> Bool {
        keys.indices.contains { list.contains(words[$0], key: keys[$0]) }
    }

    public func matches(_ patterns: ScriptPatternSet) -> Bool { patterns.matches(self) }
}
