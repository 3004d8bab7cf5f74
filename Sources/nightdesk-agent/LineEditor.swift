/// The agent's input line in raw mode: bytes from the keyboard in, edits and
/// finished lines out. Decodes UTF-8 across reads and swallows escape
/// sequences (arrow keys, function keys) so they never land in a message.
struct LineEditor {
    enum Event: Equatable {
        /// The line changed: redraw it.
        case edited
        /// Enter: the finished line (the buffer is empty again).
        case submit(String)
        /// Ctrl-C: cleared a line, or asks to quit when it was empty.
        case interrupt(hadText: Bool)
        /// Ctrl-D on an empty line.
        case endOfInput
        /// Ctrl-L.
        case redraw
        /// A key that does nothing here, or the line is full.
        case refused
    }

    /// PROTOCOL.md's default text limit; typing past it is refused at once
    /// rather than failing at the server.
    static let maxCharacters = 4000

    private(set) var buffer = ""
    private var utf8Pending: [UInt8] = []
    private var escape: EscapeState = .none

    private enum EscapeState { case none, started, csi, ss3 }

    mutating func feed(_ bytes: [UInt8]) -> [Event] {
        var events: [Event] = []
        for byte in bytes {
            if let event = feed(byte) { events.append(event) }
        }
        return events
    }

    private mutating func feed(_ byte: UInt8) -> Event? {
        switch escape {
        case .started:
            if byte == UInt8(ascii: "[") { escape = .csi; return nil }
            if byte == UInt8(ascii: "O") { escape = .ss3; return nil }
            escape = .none
            if byte == 0x1B { escape = .started; return nil }
        case .csi:
            // Parameters and intermediates until a final byte 0x40...0x7E.
            if (0x40...0x7E).contains(byte) { escape = .none }
            return nil
        case .ss3:
            escape = .none
            return nil
        case .none:
            break
        }
        if !utf8Pending.isEmpty || byte >= 0x80 { return feedUTF8(byte) }
        switch byte {
        case 0x1B: escape = .started; return nil
        case 0x0D, 0x0A:
            let line = buffer
            buffer = ""
            return .submit(line)
        case 0x7F, 0x08:
            guard !buffer.isEmpty else { return .refused }
            buffer.removeLast()
            return .edited
        case 0x15: // Ctrl-U
            buffer = ""
            return .edited
        case 0x17: // Ctrl-W: the spaces before the cursor, then the word
            while buffer.last?.isWhitespace == true { buffer.removeLast() }
            while let last = buffer.last, !last.isWhitespace { buffer.removeLast() }
            return .edited
        case 0x03:
            let had = !buffer.isEmpty
            buffer = ""
            return .interrupt(hadText: had)
        case 0x04:
            return buffer.isEmpty ? .endOfInput : .refused
        case 0x0C:
            return .redraw
        case 0x09:
            return insert(" ")
        case 0x00..<0x20:
            return .refused
        default:
            return insert(Character(Unicode.Scalar(byte)))
        }
    }

    private mutating func feedUTF8(_ byte: UInt8) -> Event? {
        if utf8Pending.isEmpty, !(0xC2...0xF4).contains(byte) { return .refused }
        if !utf8Pending.isEmpty, (byte & 0xC0) != 0x80 {
            // A broken sequence: drop it and read this byte afresh.
            utf8Pending = []
            return feed(byte)
        }
        utf8Pending.append(byte)
        let lead = utf8Pending[0]
        let needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard utf8Pending.count == needed else { return nil }
        let scalars = String(decoding: utf8Pending, as: UTF8.self)
        utf8Pending = []
        guard !scalars.unicodeScalars.contains(where: { $0.value == 0xFFFD || (0x80...0x9F).contains($0.value) }) else { return .refused }
        return insert(contentsOf: scalars)
    }

    private mutating func insert(_ c: Character) -> Event {
        insert(contentsOf: String(c))
    }

    private mutating func insert(contentsOf text: String) -> Event {
        guard buffer.unicodeScalars.count + text.unicodeScalars.count <= LineEditor.maxCharacters else { return .refused }
        buffer += text
        return .edited
    }
}
