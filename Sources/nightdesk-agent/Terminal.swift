import Foundation

/// The terminal's settings before the client changed them, and the change:
/// raw mode, where every key reaches the client at once and nothing echoes,
/// so the client can keep its own input line intact under incoming messages.
/// A value (a plain C struct copied in): restoring from any thread (normal
/// exit, a signal's fallback timer) reads its own copy.
struct TerminalMode: Sendable {
    private let fd: Int32
    private let saved: termios

    /// Raw mode on `fd`, or nil when it is not a terminal.
    static func enterRaw(fd: Int32 = STDIN_FILENO) -> TerminalMode? {
        guard isatty(fd) != 0 else { return nil }
        var original = termios()
        guard tcgetattr(fd, &original) == 0 else { return nil }
        var raw = original
        // No line editing, echo, or signal keys (Ctrl-C and Ctrl-Z come as
        // bytes: a stopped client would leave the terminal raw); no flow
        // control (Ctrl-S must not freeze a chat) and no CR→NL mapping.
        // Output processing stays on: "\n" still returns the carriage.
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL | BRKINT | INPCK | ISTRIP)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(fd, TCSANOW, &raw) == 0 else { return nil }
        return TerminalMode(fd: fd, saved: original)
    }

    /// Puts the settings back; safe to call more than once and from any thread.
    func restore() {
        var original = saved
        _ = tcsetattr(fd, TCSANOW, &original)
    }

    /// Columns of the terminal on `fd`; 80 when it will not say.
    static func columns(fd: Int32 = STDOUT_FILENO) -> Int {
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 else { return 80 }
        return Int(size.ws_col)
    }
}
