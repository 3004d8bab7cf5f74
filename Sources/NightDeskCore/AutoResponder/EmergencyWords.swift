/// Phrases that mean someone may need emergency care now. Health safety
/// comes before any script: these make the next reply the emergency line.
public enum EmergencyWords {
    public static let defaults = [
        "emergency", "chest pain", "can't breathe", "cant breathe", "cannot breathe", "trouble breathing",
        "severe bleeding", "bleeding a lot", "won't stop bleeding", "wont stop bleeding",
        "swelling of the face", "face is swelling", "face swelling", "swollen face", "throat is swelling",
        "suicidal", "kill myself", "overdose", "unconscious", "passed out", "stroke", "seizure",
    ]

    private static let defaultPatterns = defaults.map { Array($0.utf8) }

    public static func matches(_ text: String) -> Bool {
        let folded = TextScan.foldedASCII(text)
        return defaultPatterns.contains { TextScan.contains(folded, $0) }
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
