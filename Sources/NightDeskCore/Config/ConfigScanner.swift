/// Reads config text (a small subset of TOML) into statements. A syntax
/// problem is recorded and reading resumes on the next line, so one run
/// reports every problem in the file.
struct ConfigScanner {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var statements: [ConfigStatement] = []
    private var errors: [ConfigScanError] = []

    static func read(_ text: String) -> (statements: [ConfigStatement], errors: [ConfigScanError]) {
        var scanner = ConfigScanner(text)
        scanner.run()
        return (scanner.statements, scanner.errors)
    }

    private init(_ text: String) {
        var scalars = Array(text.unicodeScalars)
        // Some editors start UTF-8 files with a byte order mark.
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        self.scalars = scalars
    }

    private mutating func run() {
        while index < scalars.count {
            skipSpaces()
            if peek == "#" { skipRestOfLine() }
            if atLineEnd {
                skipNewline()
                continue
            }
            do throws(ConfigScanError) {
                let what = try readStatement()
                try expectLineEnd(after: what)
            } catch {
                errors.append(error)
            }
            skipRestOfLine()
        }
    }

    // MARK: Statements

    /// Returns what was read, for "unexpected ... after X".
    private mutating func readStatement() throws(ConfigScanError) -> String {
        if peek == "[" {
            try readHeader()
            return "the section header"
        }
        try readAssignment()
        return "the value"
    }

    private mutating func readHeader() throws(ConfigScanError) {
        let open = position
        index += 1
        if peek == "[" {
            throw ConfigScanError(open, "arrays of tables ([[...]]) are not supported; give each site its own [sites.<id>] section")
        }
        skipSpaces()
        let namePosition = position
        let name = readWhile { Self.isKeyScalar($0) || $0 == "." }
        if name.isEmpty {
            if peek == "\"" || peek == "'" {
                throw ConfigScanError(namePosition, "quoted section names are not supported; write [server] or [sites.<id>]")
            }
            if peek == "]" {
                throw ConfigScanError(namePosition, "empty section name; sections are [server] and [sites.<id>]")
            }
            throw unexpected(expecting: "a section name")
        }
        skipSpaces()
        guard peek == "]" else {
            // Most likely a forgotten bracket: open the section anyway so its
            // keys are checked instead of all reported as outside any section.
            statements.append(.section(name: name, position: namePosition))
            if atLineEnd || peek == "#" {
                throw ConfigScanError(position, "expected ']' to close [\(name.shownForMessage)")
            }
            throw unexpected(expecting: "']' to close [\(name.shownForMessage)")
        }
        index += 1
        statements.append(.section(name: name, position: namePosition))
    }

    private mutating func readAssignment() throws(ConfigScanError) {
        let keyPosition = position
        if peek == "\"" || peek == "'" {
            throw ConfigScanError(keyPosition, "quoted keys are not supported; write the key bare, like port = 8080")
        }
        let key = readWhile(Self.isKeyScalar)
        if key.isEmpty { throw unexpected(expecting: "a key, a [section] or a # comment") }
        if peek == "." {
            throw ConfigScanError(keyPosition, "dotted keys are not supported; put \(key.quotedForMessage) inside its [section]")
        }
        skipSpaces()
        guard peek == "=" else {
            if atLineEnd || peek == "#" {
                throw ConfigScanError(position, "expected '=' after \(key.quotedForMessage), like \(key.shownForMessage) = \"...\"")
            }
            throw unexpected(expecting: "'=' after \(key.quotedForMessage)")
        }
        index += 1
        skipSpaces()
        let valuePosition = position
        do throws(ConfigScanError) {
            let value = try readValue()
            statements.append(.assignment(ConfigEntry(key: key, position: keyPosition, value: value, valuePosition: valuePosition)))
        } catch {
            statements.append(.assignment(ConfigEntry(key: key, position: keyPosition, value: .invalid, valuePosition: valuePosition)))
            throw error
        }
    }

    private mutating func expectLineEnd(after what: String) throws(ConfigScanError) {
        skipSpaces()
        if atLineEnd || peek == "#" { return }
        let start = position
        let word = readWord()
        throw ConfigScanError(start, "unexpected \(word.quotedForMessage) after \(what); start a comment with #")
    }

    // MARK: Values

    private mutating func readValue() throws(ConfigScanError) -> ConfigValue {
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

    private mutating func readString() throws(ConfigScanError) -> String {
        let open = position
        index += 1
        if peek == "\"" && peek(at: 1) == "\"" {
            throw ConfigScanError(open, "multi-line strings (\"\"\") are not supported; write \\n for a line break")
        }
        var text = String.UnicodeScalarView()
        while true {
            // Copy plain runs in one go; a 1 MB string should not take seconds.
            let runEnd = scanEnd { $0 != "\"" && $0 != "\\" && ($0.value >= 0x20 || $0 == "\t") && $0.value != 0x7F }
            text.append(contentsOf: scalars[index..<runEnd])
            index = runEnd
            guard let scalar = peek, !atLineEnd else {
                throw ConfigScanError(open, "unterminated string; close it with \" on the same line")
            }
            switch scalar {
            case "\"":
                index += 1
                return String(text)
            case "\\":
                text.append(try readEscape())
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

    // MARK: Cursor

    private var position: ConfigPosition { ConfigPosition(line: line, column: index - lineStart + 1) }

    private var peek: Unicode.Scalar? { peek(at: 0) }

    private func peek(at offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    /// At the end of the text or of a line (`\n` or `\r\n`).
    private var atLineEnd: Bool {
        guard let scalar = peek else { return true }
        return scalar == "\n" || (scalar == "\r" && peek(at: 1) == "\n")
    }

    private mutating func skipSpaces() {
        while let scalar = peek, scalar == " " || scalar == "\t" { index += 1 }
    }

    private mutating func skipRestOfLine() {
        while true {
            index = scanEnd { $0 != "\n" && $0 != "\r" }
            if atLineEnd { return }
            index += 1
        }
    }

    /// The index of the first scalar from `index` on that `accept` refuses.
    private func scanEnd(_ accept: (Unicode.Scalar) -> Bool) -> Int {
        var end = index
        while end < scalars.count, accept(scalars[end]) { end += 1 }
        return end
    }

    private func text(_ range: Range<Int>) -> String {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[range])
        return String(text)
    }

    private mutating func skipNewline() {
        if peek == "\r" { index += 1 }
        if peek == "\n" {
            index += 1
            line += 1
            lineStart = index
        }
    }

    private mutating func readWhile(_ accept: (Unicode.Scalar) -> Bool) -> String {
        let start = index
        index = scanEnd(accept)
        return text(start..<index)
    }

    /// A run up to the next blank, comment, comma, bracket, quote or line end
    /// (a lone carriage return is part of the word, as it ends no line).
    private mutating func readWord() -> String {
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

    private func unexpected(expecting what: String) -> ConfigScanError {
        let found = peek.map { String($0).quotedForMessage } ?? "end of file"
        return ConfigScanError(position, "unexpected \(atLineEnd && peek != nil ? "end of line" : found); expected \(what)")
    }

    private static func isKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-": true
        default: false
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
