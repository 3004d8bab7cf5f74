import Foundation
import NightDeskCore

/// Everything from the network is data: before it reaches the terminal every
/// control character goes (`PlainText.strippingControls`), so a visitor's
/// `ESC ] 0 ; title BEL` or `ESC [ 2 J` prints as harmless letters and can
/// neither retitle the window nor wipe the screen.
enum Sanitize {
    /// A message's text as lines: controls gone, tabs as spaces, line and
    /// paragraph separators as line breaks, no empty trailing lines.
    static func lines(_ text: String) -> [String] {
        let unified = text.replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\u{2028}", with: "\n")
            .replacingOccurrences(of: "\u{2029}", with: "\n")
        let clean = PlainText.strippingControls(unified).replacingOccurrences(of: "\t", with: "    ")
        var lines = clean.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.count > 1, lines.last?.trimmingWhitespace().isEmpty == true { lines.removeLast() }
        return lines
    }

    /// A one-line field (a name, a practice, a phone, a page): controls and
    /// line breaks gone, and bounded so a hostile name cannot fill a screen.
    static func field(_ text: String, limit: Int = 120) -> String {
        let flat = PlainText.strippingControls(text)
            .replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\t", with: " ")
            .replacingOccurrences(of: "\u{2028}", with: " ")
            .replacingOccurrences(of: "\u{2029}", with: " ")
            .trimmingWhitespace()
        return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
    }
}
