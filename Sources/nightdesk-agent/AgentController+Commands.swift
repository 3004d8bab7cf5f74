/// What the agent's commands and plain lines do.
extension AgentController {
    func submit(_ line: String) {
        switch CommandParser.parse(line) {
        case .empty: break
        case .say(let text): say(text)
        case .action(let action): perform(action)
        case .invalid(let message): problem(message)
        }
        refresh()
    }

    func perform(_ action: AgentAction) {
        switch action {
        case .help:
            show(HelpText.lines.map { StyledLine($0) })
        case .available, .away:
            wantAvailable = action == .available
            if isOnline {
                client.send(ClientFrames.status(available: wantAvailable))
            } else {
                notice("you will be marked \(wantAvailable ? "available" : "away") once connected")
            }
        case .list:
            guard requireOnline() else { return }
            client.send(ClientFrames.list())
        case .accept(let number):
            guard let offer = book.offer(number) else {
                return problem(number.map { "there is no open offer #\($0)" } ?? "there is no open offer to accept")
            }
            guard requireOnline() else { return }
            lastAccept = offer.number
            client.send(ClientFrames.onSession("accept", offer.session))
        case .decline(let number):
            guard let offer = book.offer(number) else {
                return problem(number.map { "there is no open offer #\($0)" } ?? "there is no open offer to decline")
            }
            guard requireOnline() else { return }
            client.send(ClientFrames.onSession("decline", offer.session))
            book.removeOffer(offer.number)
            notice("declined #\(offer.number): it goes to the next agent")
        case .take(let number):
            guard let chat = book[number], !chat.ended else {
                return problem("there is no live chat #\(number): /list shows the numbers")
            }
            if chat.mine { return problem("#\(number) is already yours: /switch \(number)") }
            guard requireOnline() else { return }
            client.send(ClientFrames.onSession("takeover", chat.session))
        case .switchTo(let number):
            switchTo(number)
        case .lead(let number, let fields):
            guard let chat = target(number), requireOnline() else { return }
            let id = ids.make()
            pendingLeads[id] = chat.number
            client.send(ClientFrames.lead(session: chat.session, id: id, fields: fields))
        case .release(let number):
            guard let chat = target(number), requireOnline() else { return }
            client.send(ClientFrames.onSession("release", chat.session))
            if typing?.session == chat.session { stopTyping() }
            book.setMine(chat.number, false)
            dropPending(of: chat, because: "you handed it back")
            show([StyledLine("== #\(chat.number) \(chat.practice) handed back to the auto-responder", .bold)])
        case .close(let number, let disposition):
            guard let chat = target(number), requireOnline() else { return }
            if typing?.session == chat.session { stopTyping() }
            client.send(ClientFrames.close(session: chat.session, disposition: disposition))
            notice("closing #\(chat.number) as \(disposition.rawValue)…")
        case .quit:
            beginQuit(0)
        }
    }

    private func say(_ text: String) {
        guard let chat = activeChat, chat.mine else {
            return problem("no active chat: /accept an offer, /take N or /switch N first")
        }
        guard text.unicodeScalars.count <= LineEditor.maxCharacters else {
            return problem("too long: at most \(LineEditor.maxCharacters) characters a message")
        }
        stopTyping()
        let say = PendingSays.Say(id: ids.make(), session: chat.session, text: text)
        pending.add(say)
        if isOnline {
            client.send(ClientFrames.say(session: say.session, id: say.id, text: say.text))
        } else {
            notice("not connected: the message goes out once the connection is back")
        }
    }

    private func switchTo(_ number: Int) {
        guard book.activate(number) else {
            return problem(book[number] == nil ? "there is no chat #\(number)" : "#\(number) is not yours: /take \(number) first")
        }
        guard let chat = book[number] else { return }
        stopTyping()
        var lines = [StyledLine("== you are typing to \(MessageFormatter.heading(chat))", .bold)]
        for message in chat.recent.suffix(5) {
            lines += MessageFormatter.lines(message, chat: chat, active: true, me: me?.name, now: LocalTime.now())
        }
        show(lines)
    }

    /// The chat a command is about: the one named, else the active one;
    /// it must be this agent's.
    private func target(_ number: Int?) -> Chat? {
        guard let n = number ?? book.active else {
            problem("no active chat: name one (#N) or /switch N first")
            return nil
        }
        guard let chat = book[n], chat.mine, !chat.ended else {
            problem(book[n] == nil ? "there is no chat #\(n)" : "#\(n) is not yours")
            return nil
        }
        return chat
    }

    private func requireOnline() -> Bool {
        guard isOnline else {
            problem("not connected right now: try again once the status line says online")
            return false
        }
        return true
    }
}
