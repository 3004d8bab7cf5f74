extension String {
    /// Whether the text has more than `limit` characters. Every character
    /// takes at least one UTF-8 byte, so a text of at most `limit` bytes is
    /// within the limit without counting: counting walks the grapheme rules
    /// over the whole text, and every message and `say` id is checked.
    func hasMoreCharacters(than limit: Int) -> Bool {
        utf8.count > limit && count > limit
    }
}
