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
