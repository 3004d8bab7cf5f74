/// A list of patterns indexed by one word each must contain, so a message
/// is tried only against patterns that could match it. That word is the
/// pattern's longest: filed under its first, "my dentist", "my last visit"
/// and "i am a patient" were tried on every message with "my" or "i".
///
/// Every visitor message runs past every emergency phrase and the signal
/// lists (about 130 patterns): trying each in turn was two thirds of the
/// auto-responder's cost. A pattern with a whole word is filed under that
/// word's `WordKey`, one of ASCII prefixes only under its first prefix's
/// stem; a message looks up its own words' keys (a bit test, then a binary
/// search) and stems, and tries only what it finds, with the few patterns
/// filed under neither.
public struct ScriptPatternSet: Sendable, Equatable {
    public let patterns: [ScriptPattern]
    /// Sorted keys, and for each the pattern filed under it.
    private let keys: [UInt64]
    private let filed: [Int]
    /// Patterns of prefixes only ("insur*"), filed under their first
    /// prefix's stem: each was tried at every word of every message.
    private let stems: [UInt64]
    private let stemFiled: [Int]
    private let unfiled: [Int]
    private let keyBits: KeyBits

    public init(_ patterns: [ScriptPattern]) {
        self.patterns = patterns
        var entries: [(key: UInt64, pattern: Int)] = []
        var stemEntries: [(key: UInt64, pattern: Int)] = []
        var unfiled: [Int] = []
        for (index, pattern) in patterns.enumerated() {
            if let key = pattern.rarestLiteralKey {
                entries.append((key, index))
            } else if let stem = pattern.firstPrefixStem {
                stemEntries.append((UInt64(stem), index))
            } else {
                unfiled.append(index)
            }
        }
        (keys, filed) = Self.sorted(entries)
        keyBits = KeyBits(keys)
        (stems, stemFiled) = Self.sorted(stemEntries)
        self.unfiled = unfiled
    }

    private static func sorted(_ entries: [(key: UInt64, pattern: Int)]) -> ([UInt64], [Int]) {
        let sorted = entries.sorted { $0.key != $1.key ? $0.key < $1.key : $0.pattern < $1.pattern }
        return (sorted.map(\.key), sorted.map(\.pattern))
    }

    /// Whether any pattern matches.
    public func matches(_ message: VisitorWords) -> Bool {
        for index in unfiled where patterns[index].matches(message) { return true }
        for key in message.keys where keyBits.mayContain(key) && tries(key, keys, filed, message) { return true }
        guard !stems.isEmpty else { return false }
        for stem in message.stems where stem != 0 && tries(UInt64(stem), stems, stemFiled, message) { return true }
        return false
    }

    /// Tries the patterns filed under `key`.
    private func tries(_ key: UInt64, _ keys: [UInt64], _ filed: [Int], _ message: VisitorWords) -> Bool {
        var at = WordKey.firstPosition(of: key, in: keys)
        while at < keys.count, keys[at] == key {
            if patterns[filed[at]].matches(message) { return true }
            at += 1
        }
        return false
    }
}
