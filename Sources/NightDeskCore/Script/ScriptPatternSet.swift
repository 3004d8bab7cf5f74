/// A list of patterns indexed by one word each must contain, so a message
/// is tried only against patterns that could match it.
///
/// Every visitor message runs past every emergency phrase and the signal
/// lists (about 130 patterns): trying each in turn was two thirds of the
/// auto-responder's cost. A pattern with a whole word is filed under that
/// word's `WordKey`; a message looks up its own words' keys (a binary search
/// each) and tries only what it finds, plus the few patterns that are all
/// prefixes and gaps.
public struct ScriptPatternSet: Sendable, Equatable {
    public let patterns: [ScriptPattern]
    /// Sorted keys, and for each the pattern filed under it.
    private let keys: [UInt64]
    private let filed: [Int]
    private let unfiled: [Int]

    public init(_ patterns: [ScriptPattern]) {
        self.patterns = patterns
        var entries: [(key: UInt64, pattern: Int)] = []
        var unfiled: [Int] = []
        for (index, pattern) in patterns.enumerated() {
            if let key = pattern.literalKeys.first { entries.append((key, index)) } else { unfiled.append(index) }
        }
        entries.sort { $0.key != $1.key ? $0.key < $1.key : $0.pattern < $1.pattern }
        keys = entries.map(\.key)
        filed = entries.map(\.pattern)
        self.unfiled = unfiled
    }

    /// Whether any pattern matches.
    public func matches(_ message: VisitorWords) -> Bool {
        for index in unfiled where patterns[index].matches(message) { return true }
        for key in message.keys {
            var at = firstPosition(of: key)
            while at < keys.count, keys[at] == key {
                if patterns[filed[at]].matches(message) { return true }
                at += 1
            }
        }
        return false
    }

    private func firstPosition(of key: UInt64) -> Int {
        var low = 0, high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
