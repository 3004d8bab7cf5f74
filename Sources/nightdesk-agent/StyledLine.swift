/// A line of output and how to show it on a terminal; piped output drops
/// the styles and keeps the words.
struct StyledLine: Equatable {
    enum Style: Equatable {
        case plain
        /// Pending messages, system notes.
        case dim
        case bold
        /// Reverse video across the whole width: an offer.
        case alert
        /// Errors and refusals.
        case error
    }

    var text: String
    var style: Style
    /// Columns to indent the rows a long line wraps onto.
    var indent: Int

    init(_ text: String, _ style: Style = .plain, indent: Int = 2) {
        self.text = text
        self.style = style
        self.indent = indent
    }
}
