/// Moving through the text and reading runs of it.
extension ConfigScanner {
    var position: ConfigPosition { ConfigPosition(line: line, column: index - lineStart + 1) }

    var peek: Unicode.Scalar? { peek(at: 0) }

    func peek(at offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    /// At the end of the text or of a line (`\n` or `\r\n`).
    var atLineEnd: Bool {
        guard let scalar = peek else { return true }
        return scalar == "\n" || (scalar == "\r" && peek(at: 1) == "\n")
    }

    mutating func skipSpaces() {
        while let scalar = peek, scalar == " " || scalar == "\t" { index += 1 }
    }

    mutating func skipRestOfLine() {
        while true {
            index = scanEnd { $0 != "\n" && $0 != "\r" }
            if atLineEnd { return }
            index += 1
        }
    }

    /// The index of the first scalar from `index` on that `accept` refuses.
    func scanEnd(_ accept: (Unicode.Scalar) -> Bool) -> Int {
        var end = index
        while end < scalars.count, accept(scalars[end]) { end += 1 }
        return end
    }

    /// Encodes by hand: the generic `UnicodeScalarView.append(contentsOf:)`
    /// is many times slower on megabyte-long runs in debug builds.
    func text(_ range: Range<Int>) -> String {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(range.count)
        for index in range {
            let value = scalars[index].value
            if value < 0x80 {
                utf8.append(UInt8(value))
            } else if value < 0x800 {
                utf8.append(UInt8(0xC0 | value >> 6))
                utf8.append(UInt8(0x80 | value & 0x3F))
            } else if value < 0x1_0000 {
                utf8.append(UInt8(0xE0 | value >> 12))
                utf8.append(UInt8(0x80 | value >> 6 & 0x3F))
                utf8.append(UInt8(0x80 | value & 0x3F))
            } else {
                utf8.append(UInt8(0xF0 | value >> 18))
                utf8.append(UInt8(0x80 | value >> 12 & 0x3F))
                utf8.append(UInt8(0x80 | value >> 6 & 0x3F))
                utf8.append(UInt8(0x80 | value & 0x3F))
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    mutating func skipNewline() {
        if peek == "\r" { index += 1 }
        if peek == "\n" {
            index += 1
            line += 1
            lineStart = index
        }
    }

    mutating func readWhile(_ accept: (Unicode.Scalar) -> Bool) -> String {
        let start = index
        index = scanEnd(accept)
        return text(start..<index)
    }

    /// A run up to the next blank, comment, comma, bracket, quote or line end
    /// (a lone carriage return is part of the word, as it ends no line).
    mutating func readWord() -> String {
        let start = index
        while true {
            index = scanEnd {
                switch $0 {
                case " ", "\t", "#", ",", "[", "]", "\"", "\n", "\r": false
                default: true
                }
            }
            guard peek == "\r", !atLineEnd else { break }
            index += 1
        }
        return text(start..<index)
    }

    func unexpected(expecting what: String) -> ConfigScanError {
        let found = peek.map { String($0).quotedForMessage } ?? "end of file"
        return ConfigScanError(position, "unexpected \(atLineEnd && peek != nil ? "end of line" : found); expected \(what)")
    }

    static func isKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-": true
        default: false
        }
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
