/// The agent's screen. On a terminal: scrolling output above, and at the
/// bottom a region the client owns: messages still being sent, the status
/// line and the input line. New output first erases the region (cursor up,
/// clear to the end), prints, then draws the region again, so a message
/// arriving mid-word never mangles what the agent is typing. Each region
/// row is cut to the width so it takes exactly one row.
///
/// Not a terminal (piped, tests): plain lines, no escape sequences, and the
/// status printed as a line whenever its summary changes.
final class Screen {
    let interactive: Bool
    private var drawnRows = 0
    private var status: StatusLine?
    private var lastSummary = ""
    private var pendingLines: [String] = []
    private var prompt = "> "
    private var input = ""
    private var finished = false

    static let maxPendingRows = 3

    init(interactive: Bool) {
        self.interactive = interactive
    }

    /// Prints lines above the region (stdout), or errors and notices (stderr).
    func show(_ lines: [StyledLine], on file: OutputFile = .out) {
        guard !lines.isEmpty, !finished else { return }
        guard interactive else {
            file.write(lines.map { $0.text + "\n" }.joined())
            return
        }
        let width = TerminalMode.columns()
        let body = lines.flatMap { render($0, width: width) }.map { $0 + "\r\n" }.joined()
        if file == .out {
            OutputFile.out.write(erase() + body + region(width: width))
        } else {
            OutputFile.out.write(erase())
            OutputFile.err.write(body)
            OutputFile.out.write(region(width: width))
        }
    }

    /// The terminal bell, for an offer.
    func bell() {
        guard !finished else { return }
        OutputFile.out.write("\u{07}")
    }

    func setStatus(_ new: StatusLine) {
        guard !finished else { return }
        if !interactive {
            if new.summary != lastSummary {
                lastSummary = new.summary
                OutputFile.out.write("-- \(new.summary)\n")
            }
            status = new
            return
        }
        guard new != status else { return }
        status = new
        redraw()
    }

    func setPending(_ lines: [String]) {
        guard lines != pendingLines else { return }
        pendingLines = lines
        if interactive { redraw() }
    }

    func setInput(prompt: String, text: String) {
        guard prompt != self.prompt || text != input else { return }
        self.prompt = prompt
        input = text
        if interactive { redraw() }
    }

    /// Draws the region again (Ctrl-L, a changed status).
    func redraw() {
        guard interactive, !finished else { return }
        OutputFile.out.write(erase() + region(width: TerminalMode.columns()))
    }

    /// Erases the region for good: the shell's prompt comes next.
    func finish() {
        guard !finished else { return }
        finished = true
        if interactive { OutputFile.out.write(erase() + "\u{1B}[0m") }
    }

    private func erase() -> String {
        defer { drawnRows = 0 }
        guard drawnRows > 0 else { return "\r\u{1B}[2K" }
        return "\r" + (drawnRows > 1 ? "\u{1B}[\(drawnRows - 1)A" : "") + "\u{1B}[J"
    }

    private func region(width: Int) -> String {
        let usable = max(10, width - 1) // never the last column: no auto-wrap
        var rows: [String] = []
        var shown = pendingLines.prefix(Screen.maxPendingRows).map { $0 }
        if pendingLines.count > Screen.maxPendingRows {
            shown[shown.count - 1] = "… and \(pendingLines.count - Screen.maxPendingRows + 1) more being sent"
        }
        rows += shown.map { "\u{1B}[2m" + DisplayWidth.truncate($0, to: usable) + "\u{1B}[0m" }
        if let status {
            rows.append("\u{1B}[7m" + DisplayWidth.pad(status.text, to: usable) + "\u{1B}[0m")
        }
        let promptText = DisplayWidth.truncate(prompt, to: min(30, usable / 2))
        let room = usable - DisplayWidth.of(promptText)
        rows.append("\u{1B}[1m" + promptText + "\u{1B}[0m" + DisplayWidth.tail(input, width: room))
        drawnRows = rows.count
        return rows.joined(separator: "\r\n")
    }

    /// Terminal rows for a line: wrapped between words (an offer's bar is
    /// cut to one row instead), each row styled on its own so a style never
    /// bleeds into the region below.
    private func render(_ line: StyledLine, width: Int) -> [String] {
        let usable = max(10, width - 1)
        let style: String
        switch line.style {
        case .plain: return TextWrap.wrap(line.text, width: usable, indent: line.indent)
        case .dim: style = "\u{1B}[2m"
        case .bold, .error: style = "\u{1B}[1m"
        case .alert: return ["\u{1B}[1;7m" + DisplayWidth.pad(line.text, to: usable) + "\u{1B}[0m"]
        }
        return TextWrap.wrap(line.text, width: usable, indent: line.indent).map { style + $0 + "\u{1B}[0m" }
    }
}
