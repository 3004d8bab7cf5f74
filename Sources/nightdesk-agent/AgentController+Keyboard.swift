/// Keys and lines from the agent, and the typing indicator they drive.
extension AgentController {
    /// Bytes read from stdin (the reader thread posts them here).
    func keyboard(_ bytes: [UInt8], interactive: Bool) {
        if interactive {
            for event in editor.feed(bytes) { key(event) }
        } else {
            for line in splitter.feed(bytes) { submit(line) }
        }
        refresh()
    }

    /// Stdin reached its end: like /quit once what was typed is done.
    func inputEnded() {
        if let rest = splitter.flush() { submit(rest) }
        beginQuit(0)
    }

    /// SIGINT, SIGTERM, SIGHUP: leave cleanly, exit 128 + the signal.
    func signalled(_ signal: Int32) {
        beginQuit(128 + signal)
    }

    private func key(_ event: LineEditor.Event) {
        switch event {
        case .edited:
            typed()
        case .submit(let line):
            stopTyping()
            submit(line)
        case .interrupt(let hadText):
            stopTyping()
            if !hadText { beginQuit(130) }
        case .endOfInput:
            beginQuit(0)
        case .redraw:
            screen.redraw()
        case .refused:
            break
        }
    }

    /// Tells the visitor the agent is typing, once when a message starts
    /// (and again every 10 s while it goes on), not per key.
    private func typed() {
        let text = editor.buffer
        guard isOnline, let chat = activeChat, chat.mine, !text.isEmpty,
              !text.hasPrefix("/") || text.hasPrefix("//") else {
            stopTyping()
            return
        }
        let now = AgentClock.now()
        if let t = typing, t.session == chat.session {
            typing?.lastKey = now
            if now - t.sentAt < 10 { return }
        } else {
            stopTyping()
        }
        client.send(ClientFrames.typing(session: chat.session, on: true))
        typing = (chat.session, now, now)
    }

    func stopTyping() {
        guard let t = typing else { return }
        typing = nil
        if isOnline { client.send(ClientFrames.typing(session: t.session, on: false)) }
    }
}
