/// Splits `/lead` arguments into words the way a shell would, minus its
/// surprises: whitespace separates, "double" or 'single' quotes keep spaces
/// (anywhere in a word, so reason="needs a crown" works), and inside double
/// quotes a backslash escapes `"` and `\`.
enum QuotedWords {
    struct Problem: Error, Equatable {
        var message: String
    }

    static func split(_ text: String) -> Result<[String], Problem> {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var iterator = text.makeIterator()
        while let c = iterator.next() {
            if let q = quote {
                if c == q {
                    quote = nil
                } else if c == "\\", q == "\"" {
                    guard let next = iterator.next() else { return .failure(Problem(message: "a backslash ends the line")) }
                    if next != "\"" && next != "\\" { current.append("\\") }
                    current.append(next)
                } else {
                    current.append(c)
                }
                continue
            }
            if c.isWhitespace {
                if inWord { words.append(current); current = ""; inWord = false }
                continue
            }
            inWord = true
            if c == "\"" || c == "'" { quote = c } else { current.append(c) }
        }
        if let quote { return .failure(Problem(message: "unclosed \(quote) quote")) }
        if inWord { words.append(current) }
        return .success(words)
    }
}
