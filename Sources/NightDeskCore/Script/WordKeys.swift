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
