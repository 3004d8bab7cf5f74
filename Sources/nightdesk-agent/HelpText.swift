/// The commands, taught by `--help` and by `/help` in the same words.
enum HelpText {
    static let commands: [(String, String)] = [
        ("/help", "this list"),
        ("/available", "take chats: offers ring the bell (/away stops them)"),
        ("/away", "no new offers; your open chats stay yours"),
        ("/list", "every live chat of your practices, numbered #N"),
        ("/accept [N]", "take the latest offer (or offer #N)"),
        ("/decline [N]", "pass the latest offer (or #N) to the next agent"),
        ("/take N", "take over chat #N from the auto-responder"),
        ("/switch N", "type to chat #N (shows its last messages)"),
        ("/lead k=v ...", "record the lead of the active chat: name= phone= email="),
        ("", "reason=\"quoted text\" score=hot|warm|cold"),
        ("/release [N]", "hand the chat back to the auto-responder"),
        ("/close [N] D", "end the chat; D is booked|callback|info|spam|other"),
        ("/quit", "leave (unsent messages get 3 s to go out)"),
        ("text", "anything else goes to the active chat (//text sends /text)"),
    ]

    static var lines: [String] {
        commands.map { name, what in
            name.isEmpty ? String(repeating: " ", count: 18) + what : name.padding(toLength: 16) + "  " + what
        }
    }

    static var discussion: String {
        """
        Connects to a NightDesk server as an on-call agent. The token comes from \
        --token-file FILE or the environment variable NIGHTDESK_AGENT_TOKEN \
        (printed by `nightdesk agents add`), never from an argument.

        Commands (type them at the prompt):
        \(lines.map { "  " + $0 }.joined(separator: "\n"))

        Every chat has a number #N, the same in offers, /list, /take, /switch \
        and /close. Messages of a chat other than the active one are prefixed \
        with [#N Practice]. The bottom line shows the connection, whether you are \
        available, a live offer with its countdown, your chats and unread counts.

        The client reconnects by itself (with backoff) and carries on: your \
        chats come back, unsent messages are sent again.

        Keys: Enter sends, Backspace, Ctrl-U clears the line, Ctrl-W deletes a \
        word, Ctrl-L redraws, Ctrl-C clears the line or quits when it is empty, \
        Ctrl-D on an empty line quits.

        Exit status: 0 after /quit or Ctrl-D, 2 for a usage or token problem \
        (also when the server refuses the token), 1 when the client cannot \
        run, 128+N after signal N (130 for Ctrl-C, 143 for SIGTERM).
        """
    }
}

extension String {
    func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
