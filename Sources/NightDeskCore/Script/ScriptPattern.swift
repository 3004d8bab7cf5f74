/// A phrase a script listens for, matched word by word, ignoring case,
/// accents and punctuation: "parking", "how much * cost", "insur*".
/// `*` alone stands for up to three words; a word ending in `*` matches any
/// word it begins. Chosen over regular expressions so authors cannot write a
/// pattern that matches everything or runs slowly, and `nightdesk check`
/// can say exactly what is wrong.
public struct ScriptPattern: Sendable, Equatable {
    enum Piece: Sendable, Equatable {
        case word(String)
        case prefix(String)
        case gap
    }

    public let text: String
    let pieces: [Piece]
    /// The whole words the pattern needs: checked against the message's
    /// keys first, since a visitor message runs past every pattern of the
    /// script.
    let literals: [String]
    /// The literals' `WordKey`s, made once.
    let literalKeys: [UInt64]

    init(text: String, pieces: [Piece]) {
        self.text = text
        self.pieces = pieces
        literals = pieces.compactMap { if case .word(let word) = $0 { return word } else { return nil } }
        literalKeys = literals.map(WordKey.of)
    }

    /// The key of the literal fewest messages contain, taking the longest
    /// word for the rarest (short words are the common ones); nil without
    /// a whole word.
    var rarestLiteralKey: UInt64? {
        guard let longest = literals.indices.max(by: { literals[$0].utf8.count < literals[$1].utf8.count }) else { return nil }
        return literalKeys[longest]
    }

    /// For a pattern of prefixes only: its first prefix's stem, when that
    /// prefix is ASCII. A word that `hasPrefix` an ASCII prefix starts with
    /// its bytes, so the stem only narrows the search; beyond ASCII a
    /// character can be a prefix's letter plus a mark, or another encoding
    /// of it, and such patterns are tried at every word as before.
    var firstPrefixStem: UInt32? {
        for piece in pieces {
            guard case .prefix(let prefix) = piece else { continue }
            return prefix.utf8.allSatisfy { $0 < 0x80 } ? WordStem.of(prefix) : nil
        }
        return nil
    }

    static let maxGapWords = 3

    /// The pattern, or why it cannot be one.
    public static func parse(_ text: String) -> Result<ScriptPattern, ScriptPatternProblem> {
        let raw = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard !raw.isEmpty else { return .failure(.init("an empty pattern matches nothing; write a word or phrase")) }
        guard text.count <= 200 else { return .failure(.init("a pattern can be at most 200 characters")) }
        var pieces: [Piece] = []
        for token in raw {
            if token == "*" {
                if pieces.last == .gap || pieces.isEmpty {
                    return .failure(.init("'*' must stand between words, as in \"how much * cost\"; a pattern cannot start with it or repeat it"))
                }
                pieces.append(.gap)
                continue
            }
            let isPrefix = token.hasSuffix("*")
            let body = isPrefix ? String(token.dropLast()) : String(token)
            if body.contains("*") {
                return .failure(.init("'*' can only end a word (\"insur*\") or stand alone between words; \(String(token).quotedForMessage) has it inside"))
            }
            let words = VisitorWords.words(in: body)
            guard !words.isEmpty else {
                return .failure(.init("\(String(token).quotedForMessage) has no letters or digits; patterns match words, not punctuation"))
            }
            if isPrefix {
                guard words.count == 1, words[0].count >= 3 else {
                    return .failure(.init("a word ending in '*' needs at least 3 letters before it, like \"insur*\"; \(String(token).quotedForMessage) would match too much"))
                }
                pieces.append(.prefix(words[0]))
            } else {
                pieces += words.map(Piece.word)
            }
        }
        if pieces.last == .gap {
            return .failure(.init("'*' cannot end a pattern; it must stand between words"))
        }
        return .success(ScriptPattern(text: text, pieces: pieces))
    }

    public func matches(_ message: VisitorWords) -> Bool {
        guard literalKeys.allSatisfy(message.mayContain) else { return false }
        let words = message.words
        let first: String? = if case .word(let word)? = pieces.first { word } else { nil }
        for start in words.indices where first == nil || words[start] == first {
            if Self.match(pieces[...], words[start...]) { return true }
        }
        return false
    }

    private static func match(_ pieces: ArraySlice<Piece>, _ words: ArraySlice<String>) -> Bool {
        guard let piece = pieces.first else { return true }
        let rest = pieces.dropFirst()
        switch piece {
        case .gap:
            for skip in 0...maxGapWords where skip <= words.count {
                if match(rest, words.dropFirst(skip)) { return true }
            }
            return false
        case .word(let word):
            guard words.first == word else { return false }
            return match(rest, words.dropFirst())
        case .prefix(let prefix):
            guard let first = words.first, first.hasPrefix(prefix) else { return false }
            return match(rest, words.dropFirst())
        }
    }
}

public struct ScriptPatternProblem: Error, Sendable, Equatable {
    public var message: String
    init(_ message: String) { self.message = message }
}
