/// Word wrapping for the scrolling output: at 80 columns a long message
/// breaks between words, and its continuation rows are indented under the
/// text, past the time stamp, so each message still reads as one block.
enum TextWrap {
    static func wrap(_ text: String, width: Int, indent: Int) -> [String] {
        let width = max(width, indent + 10)
        guard DisplayWidth.of(text) > width else { return [text] }
        let pad = String(repeating: " ", count: indent)
        var rows: [String] = []
        var row = ""
        var used = 0
        var pendingSpace = ""
        for piece in pieces(text) {
            if piece.allSatisfy({ $0 == " " }) {
                pendingSpace += piece
                continue
            }
            var word = piece
            let w = DisplayWidth.of(word)
            if used > 0, used + DisplayWidth.of(pendingSpace) + w > width {
                rows.append(row)
                row = pad
                used = indent
                pendingSpace = ""
            }
            row += pendingSpace
            used += DisplayWidth.of(pendingSpace)
            pendingSpace = ""
            // A word longer than a row (a URL) is cut where the row ends.
            while used + DisplayWidth.of(word) > width {
                var head = ""
                var headWidth = 0
                for c in word {
                    let cw = DisplayWidth.of(c)
                    if used + headWidth + cw > width { break }
                    head.append(c)
                    headWidth += cw
                }
                if head.isEmpty { break }
                rows.append(row + head)
                word = String(word.dropFirst(head.count))
                row = pad
                used = indent
            }
            row += word
            used += DisplayWidth.of(word)
        }
        if used > 0 || rows.isEmpty { rows.append(row) }
        return rows
    }

    /// Runs of spaces and runs of everything else, in order.
    private static func pieces(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        var inSpaces = false
        for c in text {
            let space = c == " "
            if !current.isEmpty, space != inSpaces {
                out.append(current)
                current = ""
            }
            inSpaces = space
            current.append(c)
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}
