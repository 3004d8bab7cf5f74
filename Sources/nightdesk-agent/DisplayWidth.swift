/// How many terminal columns text takes, near enough for layout: wide East
/// Asian characters and emoji take two, combining marks none. The status
/// and input lines must each fit one row, or redrawing them would leave
/// debris on the screen.
enum DisplayWidth {
    static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    static func of(_ c: Character) -> Int {
        var width = 0
        for (i, scalar) in c.unicodeScalars.enumerated() {
            let w = of(scalar)
            if w == 2 { return 2 }
            if i == 0 { width = w }
        }
        return width
    }

    static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if s.properties.isEmojiPresentation { return 2 }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// The longest prefix that fits `width` columns, ending in "…" when cut.
    static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        guard of(text) > width else { return text }
        var out = ""
        var used = 0
        for c in text {
            let w = of(c)
            if used + w > width - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }

    /// The longest suffix that fits, starting with "…" when cut: the input
    /// line shows its end, where the agent is typing.
    static func tail(_ text: String, width: Int) -> String {
        guard width > 0 else { return "" }
        guard of(text) > width else { return text }
        var out: [Character] = []
        var used = 0
        for c in text.reversed() {
            let w = of(c)
            if used + w > width - 1 { break }
            out.append(c)
            used += w
        }
        return "…" + String(out.reversed())
    }

    /// `text` cut or padded with spaces to exactly `width` columns, for the
    /// reverse-video bars.
    static func pad(_ text: String, to width: Int) -> String {
        let cut = truncate(text, to: width)
        return cut + String(repeating: " ", count: max(0, width - of(cut)))
    }
}
