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
    private static let setFromWords = 12

    public init(_ text: String) {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            (words, keys, stems) = Self.asciiWordsAndKeys(text)
        } else {
            words = Self.foldedWords(text)
            keys = words.map(WordKey.of)
            stems = words.map { WordStem.of($0) ?? 0 }
        }
        sortedKeys = keys.count > Self.setFromWords ? keys.sorted() : nil
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

/// A word's 64-bit FNV-1a hash: fixed (unlike Swift's seeded hashing), so a
/// pattern's words are hashed once when the script loads, and cheap for the
/// short words visitors type.
enum WordKey {
    static let start: UInt64 = 0xcbf2_9ce4_8422_2325

    static func adding(_ byte: UInt8, to hash: UInt64) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    static func of(_ word: String) -> UInt64 {
        word.utf8.reduce(start) { adding($1, to: $0) }
    }

    /// Where `key` is, or would go, in sorted `keys`.
    static func firstPosition(of key: UInt64, in keys: [UInt64]) -> Int {
        var low = 0, high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// A word's first three bytes, the least a prefix pattern has ("insur*"):
/// nil for a shorter word, which no prefix pattern matches.
enum WordStem {
    static func of(_ word: String) -> UInt32? {
        var bytes = word.utf8.makeIterator()
        guard let a = bytes.next(), let b = bytes.next(), let c = bytes.next() else { return nil }
        return of(a, b, c)
    }

    static func of(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt32 {
        UInt32(a) << 16 | UInt32(b) << 8 | UInt32(c)
    }
}

/// A fixed list of words a message is checked against, looked up by
/// `WordKey` with a binary search: hashing each of a message's words for a
/// `Set<String>` (SipHash) cost more than the rest of the check.
struct WordList: Sendable {
    private let keys: [UInt64]
    private let words: [String]
    private let bits: KeyBits

    init(_ list: Set<String>) {
        let sorted = list.map { (key: WordKey.of($0), word: $0) }.sorted { ($0.key, $0.word) < ($1.key, $1.word) }
        keys = sorted.map(\.key)
        words = sorted.map(\.word)
        bits = KeyBits(keys)
    }

    func contains(_ word: String, key: UInt64) -> Bool {
        guard bits.mayContain(key) else { return false }
        var low = WordKey.firstPosition(of: key, in: keys)
        while low < keys.count, keys[low] == key {
            if words[low] == word { return true }
            low += 1
        }
        return false
    }
}

/// One bit for each of a list's keys, out of 1,024: most of a message's
/// words are in no list, and a bit test rules them out before the search.
struct KeyBits: Sendable, Equatable {
    private var words = [UInt64](repeating: 0, count: 16)

    init(_ keys: [UInt64]) {
        for key in keys { words[Self.word(key)] |= Self.bit(key) }
    }

    func mayContain(_ key: UInt64) -> Bool { words[Self.word(key)] & Self.bit(key) != 0 }

    private static func word(_ key: UInt64) -> Int { Int((key >> 6) & 15) }
    private static func bit(_ key: UInt64) -> UInt64 { 1 << (key & 63) }
}
