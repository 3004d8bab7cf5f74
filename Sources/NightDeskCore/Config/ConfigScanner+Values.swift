/// Values: strings with escapes, numbers, booleans and lists of strings.
extension ConfigScanner {
    mutating func readValue() throws(ConfigScanError) -> ConfigValue {
        guard let first = peek, !atLineEnd, first != "#" else {
            throw ConfigScanError(position, "missing value after '='")
        }
        switch first {
        case "\"":
            return .string(try readString())
        case "[":
            return .strings(try readList())
        case "'":
            throw ConfigScanError(position, "single-quoted strings are not supported; use double quotes")
        case "0"..."9", "+", "-", ".":
            let start = position
            let token = readWord()
            guard let value = ConfigNumber.value(token) else {
                throw ConfigScanError(start, ConfigNumber.problem(with: token))
            }
            return value
        default:
            let start = position
            let word = readWord()
            if word == "true" { return .boolean(true) }
            if word == "false" { return .boolean(false) }
            if word.isEmpty { throw unexpected(expecting: "a value") }
            throw ConfigScanError(start, "\(word.quotedForMessage) is not a value; put text in double quotes, like \"\(word.shownForMessage)\"")
        }
    }

    mutating func readString() throws(ConfigScanError) -> String {
        let open = position
        index += 1
        if peek == "\"" && peek(at: 1) == "\"" {
            throw ConfigScanError(open, "multi-line strings (\"\"\") are not supported; write \\n for a line break")
        }
        var text = ""
        while true {
            // Copy plain runs in one go; a 1 MB string should not take seconds.
            let runEnd = scanEnd { $0 != "\"" && $0 != "\\" && ($0.value >= 0x20 || $0 == "\t") && $0.value != 0x7F }
            text += self.text(index..<runEnd)
            index = runEnd
            guard let scalar = peek, !atLineEnd else {
                throw ConfigScanError(open, "unterminated string; close it with \" on the same line")
            }
            switch scalar {
            case "\"":
                index += 1
                return text
            case "\\":
                text.unicodeScalars.append(try readEscape())
            default:
                let code = Self.hex(scalar.value)
                throw ConfigScanError(position, "control character U+\(code) in a string; write it as \\u\(code)")
            }
        }
    }

    private mutating func readEscape() throws(ConfigScanError) -> Unicode.Scalar {
        let start = position
        index += 1
        guard let letter = peek, !atLineEnd else {
            throw ConfigScanError(start, "unterminated string; close it with \" on the same line")
        }
        index += 1
        switch letter {
        case "\"": return "\""
        case "\\": return "\\"
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "u":
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let digit = peek.flatMap({ $0.properties.isASCIIHexDigit ? UInt32(String($0), radix: 16) : nil }) else {
                    throw ConfigScanError(start, "\\u needs four hex digits, like \\u00E9")
                }
                value = value * 16 + digit
                index += 1
            }
            guard let scalar = Unicode.Scalar(value) else {
                throw ConfigScanError(start, "\\u\(Self.hex(value)) is half of a surrogate pair, not a character")
            }
            return scalar
        default:
            let shown = "\\" + String(letter)
            throw ConfigScanError(start, "unknown escape \(shown.quotedForMessage); use \\\", \\\\, \\n, \\t, \\r or \\uXXXX")
        }
    }

    /// `["a", "b"]`. A list may span lines, with comments between items.
    private mutating func readList() throws(ConfigScanError) -> [ConfigItem] {
        let open = position
        index += 1
        var items: [ConfigItem] = []
        while true {
            try skipListSpace(openedAt: open)
            if peek == "]" {
                index += 1
                return items
            }
            guard peek == "\"" else {
                let start = position
                let word = readWord()
                guard !word.isEmpty else { throw unexpected(expecting: "a string in double quotes") }
                throw ConfigScanError(start, "lists hold only strings; put \(word.quotedForMessage) in double quotes")
            }
            let start = position
            items.append(ConfigItem(text: try readString(), position: start))
            try skipListSpace(openedAt: open)
            switch peek {
            case ",": index += 1
            case "]":
                index += 1
                return items
            default: throw unexpected(expecting: "',' or ']' after the string")
            }
        }
    }

    /// Skips blanks, comments and line breaks inside a list. A line that does
    /// not go on with the list means its `]` was forgotten: stop before that
    /// line so the rest of the file is still read.
    private mutating func skipListSpace(openedAt open: ConfigPosition) throws(ConfigScanError) {
        let unclosed = ConfigScanError(open, "unclosed list; close it with ']'")
        while true {
            skipSpaces()
            if peek == "#" { skipRestOfLine() }
            guard index < scalars.count else { throw unclosed }
            guard atLineEnd else { return }
            let saved = (index, line, lineStart)
            skipNewline()
            skipSpaces()
            if let next = peek, !atLineEnd, !["\"", "]", ",", "#"].contains(next) {
                (index, line, lineStart) = saved
                throw unclosed
            }
        }
    }
}
