/// Visitor text is data: before it reaches a terminal or a text file, every
/// control character but newline and tab goes, so no escape sequence can
/// move a cursor, change a title or hide a line.
public enum PlainText {
    public static func strippingControls(_ s: String) -> String {
        // Plain printable ASCII, the usual case, has nothing to drop.
        if s.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A || $0 == 0x09 }) { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v == 0x0A || v == 0x09 { out.append(scalar); continue }
            if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) { continue }
            if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { continue }
            out.append(scalar)
        }
        return String(out)
    }
}
