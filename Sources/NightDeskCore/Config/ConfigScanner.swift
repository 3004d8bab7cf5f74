/// Reads config text (a small subset of TOML) into statements. A syntax
/// problem is recorded and reading resumes on the next line, so one run
/// reports every problem in the file.
struct ConfigScanner {
    // Not private: the value and cursor parts live in sibling files.
    let scalars: [Unicode.Scalar]
    var index = 0
    var line = 1
    var lineStart = 0
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
}
