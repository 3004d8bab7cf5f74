extension String {
    /// The text in single quotes for an error message; see `shownForMessage`.
    var quotedForMessage: String { "'\(shownForMessage)'" }

    /// The text made safe for an error message: control and format (bidi)
    /// characters escaped so a hostile config cannot drive the terminal or
    /// disguise itself, and long text cut short so a 1 MB line does not
    /// become a 1 MB message.
    var shownForMessage: String {
        var shown = ""
        var count = 0
        for scalar in unicodeScalars {
            if count == 40 {
                shown += "…"
                break
            }
            count += 1
            switch scalar {
            case "\t": shown += "\\t"
            case "\n": shown += "\\n"
            case "\r": shown += "\\r"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                || scalar.properties.generalCategory == .format:
                shown += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }
}
