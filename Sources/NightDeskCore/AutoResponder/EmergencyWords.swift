/// Phrases that mean someone may need emergency care now. Health safety
/// comes before any script: these make the next reply the emergency line.
/// A site's script adds its own (`emergency_words`).
public enum EmergencyWords {
    public static let defaults = [
        "emergency", "chest pain", "chest hurts", "heart attack", "cant breathe", "cannot breathe", "can not breathe",
        "trouble breathing", "hard to breathe", "difficulty breathing", "not breathing",
        "severe bleeding", "bleeding a lot", "wont stop bleeding", "bleeding wont stop", "heavy bleeding",
        "swelling of * face", "face is swelling", "face swelling", "swollen face", "face * swollen", "throat * swelling",
        "swelling * throat", "throat is closing", "tongue * swelling", "allergic reaction", "anaphylaxis",
        "suicidal", "suicide", "kill myself", "end my life", "want to die", "overdose", "overdosed",
        "unconscious", "passed out", "fainted", "stroke", "seizure", "high fever * swelling", "poison*",
    ]

    static let defaultPatterns: [ScriptPattern] = defaults.compactMap { try? ScriptPattern.parse($0).get() }
    private static let defaultSet = ScriptPatternSet(defaultPatterns)

    /// Whether the built-in phrases match; a site's script adds its own.
    public static func matches(_ text: String) -> Bool {
        VisitorWords(text).matches(defaultSet)
    }
}

/// Byte-level text helpers for the hot path: a say runs these on every
/// message, and Foundation's string search costs far more than needed.
enum TextScan {
    /// UTF-8 with ASCII letters lower-cased and the typographic apostrophe
    /// (U+2019) folded to "'".
    static func foldedASCII(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var bytes = text.utf8.makeIterator()
        while let b = bytes.next() {
            if b == 0xE2 {
                let b1 = bytes.next(), b2 = bytes.next()
                if b1 == 0x80, b2 == 0x99 { out.append(UInt8(ascii: "'")); continue }
                out.append(b)
                if let b1 { out.append(b1) }
                if let b2 { out.append(b2) }
                continue
            }
            out.append((0x41...0x5A).contains(b) ? b | 0x20 : b)
        }
        return out
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
        let first = needle[0]
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count, haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// The position just after `needle` in `haystack`, if present.
    static func end(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i + needle.count }
        }
        return nil
    }
}
