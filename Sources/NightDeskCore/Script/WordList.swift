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
    private var masks = [UInt64](repeating: 0, count: 16)

    init(_ keys: [UInt64]) {
        for key in keys { masks[Self.mask(key)] |= Self.bit(key) }
    }

    func mayContain(_ key: UInt64) -> Bool { masks[Self.mask(key)] & Self.bit(key) != 0 }

    private static func mask(_ key: UInt64) -> Int { Int((key >> 6) & 15) }
    private static func bit(_ key: UInt64) -> UInt64 { 1 << (key & 63) }
}
