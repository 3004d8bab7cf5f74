import NightDeskCore

/// What the server's frames do to the client's state and screen.
extension AgentController {
    func handle(_ frame: ServerFrame) {
        switch frame {
        case .welcome(let id, let name, let isAvailable, let sessions):
            welcome(id: id, name: name, available: isAvailable, sessions: sessions)
        case .status(let isAvailable):
            available = isAvailable
            notice(isAvailable ? "you are AVAILABLE: new chats will ring the bell" : "you are away: no new offers (your chats stay yours)")
        case .offer(let offer):
            offered(offer)
        case .assigned(let session, let site, let history, let summary):
            assigned(session: session, site: site, history: history, summary: summary)
        case .message(let session, let message):
            relayed(message, in: session)
        case .ack(_, let id, let seq):
            acknowledged(id: id, seq: seq)
        case .typing(let session, let from, let on):
            if from == "visitor", let n = book.number(of: session) { book[n]?.visitorTyping = on }
        case .ended(let session, let reason):
            ended(session: session, reason: reason)
        case .sessions(let items):
            listed(items)
        case .alert(let session, let site, let summary):
            alerted(session: session, site: site, summary: summary)
        case .error(let code, let message, let ref):
            refused(code: code, message: Sanitize.field(message, limit: 200), ref: ref)
        case .unknown:
            break // a newer server's frame: nothing this client can do with it
        case .malformed(let what):
            notice("ignored a frame from the server: \(what)")
        }
    }

    private func welcome(id: String, name: String, available isAvailable: Bool, sessions: [SessionSummary]) {
        me = (Sanitize.field(id, limit: 40), Sanitize.field(name, limit: 40))
        available = isAvailable
        if !everSignedIn, isAvailable { wantAvailable = true }
        link = .online
        backoff.reset()
        let live = Set(sessions.map(\.session))
        for chat in book.mine where !live.contains(chat.session) {
            book.markEnded(chat.number)
            dropPending(of: chat, because: "it is no longer yours")
            notice("#\(chat.number) \(chat.practice) is no longer yours: it ended or went back to the auto-responder while you were away")
        }
        for summary in sessions {
            let n = book.upsert(summary)
            book.setMine(n, true)
            resyncing.insert(summary.session)
            client.send(ClientFrames.onSession("takeover", summary.session))
        }
        book.ensureActive()
        let chats = sessions.isEmpty ? "" : sessions.count == 1 ? ", 1 chat carried on" : ", \(sessions.count) chats carried on"
        notice("signed in as \(me?.name ?? name)\(chats)")
        everSignedIn = true
        if wantAvailable, !isAvailable { client.send(ClientFrames.status(available: true)) }
        for say in pending.items where book.number(of: say.session).flatMap({ book[$0]?.mine }) != true {
            _ = pending.take(id: say.id)
            problem("not delivered to #\(book.number(of: say.session) ?? 0): the chat is no longer yours: \(Sanitize.field(say.text, limit: 60))")
        }
        resendPending()
    }

    private func offered(_ offer: ServerFrame.Offer) {
        var summary = offer.summary ?? SessionSummary(session: offer.session, site: offer.site)
        summary.session = offer.session
        if summary.site.isEmpty { summary.site = offer.site }
        let n = book.upsert(summary)
        book[n]?.ended = false
        let now = LocalTime.now()
        var seconds = 20.0
        if let expires = offer.expiresAt {
            let left = expires.seconds(since: now)
            // A clock far off the server's would make nonsense of the
            // countdown: then assume the protocol's default.
            if left > 0, left <= 300 { seconds = left }
        }
        book.addOffer(number: n, deadline: AgentClock.now() + seconds)
        guard let chat = book[n] else { return }
        screen.bell()
        show(OfferView.lines(chat: chat, history: offer.history.sorted { $0.seq < $1.seq },
                             secondsLeft: Int(seconds.rounded(.up)), me: me?.name, now: now))
    }

    /// Loud on purpose: someone may be in danger and no person has the chat.
    private func alerted(session: String, site: String, summary: SessionSummary?) {
        var merged = summary ?? SessionSummary(session: session, site: site)
        merged.session = session
        if merged.site.isEmpty { merged.site = site }
        let n = book.upsert(merged)
        guard let chat = book[n] else { return }
        screen.bell()
        // Short lines: an alert line is cut at the terminal's width.
        show([StyledLine("URGENT #\(n) \(chat.practice): possible emergency  -  /take \(n)", .alert),
              StyledLine("  the auto-responder gave the emergency line; no person has this chat", .alert)])
    }

    private func assigned(session: String, site: String, history: [ChatMessage], summary: SessionSummary?) {
        var merged = summary ?? SessionSummary(session: session, site: site)
        merged.session = session
        if merged.site.isEmpty { merged.site = site }
        let n = book.upsert(merged)
        let resync = resyncing.remove(session) != nil
        book[n]?.ended = false
        book.setMine(n, true)
        book.removeOffer(n)
        if lastAccept == n { lastAccept = nil }
        if !resync { _ = book.activate(n) }
        guard let chat = book[n] else { return }
        let active = book.active == n
        let now = LocalTime.now()
        var lines: [StyledLine] = []
        for message in history.sorted(by: { $0.seq < $1.seq }) where book[n]?.record(message) == true {
            // Our own say not yet acknowledged: its ack shows it.
            if message.from == "agent", pending.isEcho(session: session, text: message.text) { continue }
            if !active, message.from != "agent" { book[n]?.unread += 1 }
            lines += MessageFormatter.lines(message, chat: chat, active: active, me: me?.name, now: now)
        }
        if resync {
            // Carried on after a reconnect: only what was missed, if anything.
            guard !lines.isEmpty else { return }
            show([StyledLine("== \(MessageFormatter.heading(chat)): since you were last here", .bold)] + lines)
            return
        }
        show([StyledLine("== yours now: \(MessageFormatter.heading(chat))", .bold)] + lines)
    }

    private func relayed(_ message: ChatMessage, in session: String) {
        let n = book.number(of: session) ?? book.upsert(SessionSummary(session: session, site: ""))
        guard let chat = book[n], !chat.hasShown(message.seq) else { return }
        if message.from == "visitor" { book[n]?.visitorTyping = false }
        if message.from == "agent", pending.isEcho(session: session, text: message.text) {
            // Our own say relayed before its ack: the ack will show it.
            _ = book[n]?.record(message)
            return
        }
        _ = book[n]?.record(message)
        let active = book.active == n
        if !active, message.from != "agent" { book[n]?.unread += 1 }
        show(MessageFormatter.lines(message, chat: chat, active: active, me: me?.name, now: LocalTime.now()))
    }

    private func acknowledged(id: String, seq: Int?) {
        if let say = pending.take(id: id) {
            guard let n = book.number(of: say.session), let chat = book[n] else { return }
            let message = ChatMessage(seq: seq ?? 0, from: "agent", name: me?.name, text: say.text, at: LocalTime.now())
            if seq != nil { _ = book[n]?.record(message) }
            show(MessageFormatter.lines(message, chat: chat, active: book.active == n, me: me?.name, now: LocalTime.now()))
        } else if let n = pendingLeads.removeValue(forKey: id) {
            notice("lead saved for #\(n) \(book[n]?.practice ?? "")")
        }
    }

    private func ended(session: String, reason: String) {
        guard let n = book.number(of: session), let chat = book[n] else { return }
        let before = book.active
        book.markEnded(n)
        if typing?.session == session { typing = nil }
        dropPending(of: chat, because: "the chat ended")
        let why: String
        switch reason {
        case "visitor_left": why = "the visitor left"
        case "agent_closed": why = "closed"
        case "idle": why = "idle"
        default: why = Sanitize.field(reason, limit: 60)
        }
        show([StyledLine("== #\(n) \(chat.practice) ended (\(why))", .bold)])
        book.ensureActive()
        if before == n, let next = activeChat {
            show([StyledLine("== you are now typing to \(MessageFormatter.heading(next))", .bold)])
        }
    }

    private func listed(_ items: [SessionSummary]) {
        guard !items.isEmpty else {
            show([StyledLine("no live chats on your practices")])
            return
        }
        var lines = [StyledLine("live chats (/take N to take one over, /switch N for yours):", .bold)]
        for summary in items {
            let n = book.upsert(summary)
            guard let chat = book[n] else { continue }
            let handler: String
            if chat.mine || (summary.agent != nil && summary.agent == me?.id) {
                handler = "yours"
            } else if summary.handler == "agent" {
                handler = "agent " + Sanitize.field(summary.agent ?? "?", limit: 12)
            } else {
                handler = Sanitize.field(summary.handler ?? "bot", limit: 12)
            }
            var row = DisplayWidth.pad("#\(n)", to: 5)
            row += DisplayWidth.pad(chat.practice, to: 18) + " "
            row += DisplayWidth.pad(handler, to: 12) + " "
            row += DisplayWidth.pad(chat.visitor ?? "-", to: 12) + " "
            row += DisplayWidth.pad("\(summary.messages ?? 0) msgs", to: 9) + " "
            row += summary.lastAt.map { LocalTime.hhmm($0) } ?? "--:--"
            if let score = summary.score { row += " " + Sanitize.field(score, limit: 5) }
            lines.append(StyledLine(row))
        }
        show(lines)
    }

    private func refused(code: String, message: String, ref: String?) {
        let detail = message.isEmpty ? code : "\(code): \(message)"
        if code == "unauthorized" {
            tokenRefused = true
            problem("the server refused the token: \(detail)")
            return
        }
        if let ref, let say = pending.items.first(where: { $0.id == ref }) {
            let n = book.number(of: say.session) ?? 0
            if code == "unavailable" || code == "rate_limited" {
                resendAt = AgentClock.now() + AgentController.retryAfterRefusalSeconds
                problem("#\(n): message not stored yet (\(detail)); trying again in \(Int(AgentController.retryAfterRefusalSeconds)) s")
            } else {
                _ = pending.take(id: ref)
                problem("#\(n): message not sent (\(detail)): \(Sanitize.field(say.text, limit: 60))")
            }
            return
        }
        if let ref, let n = pendingLeads.removeValue(forKey: ref) {
            problem("#\(n): lead not saved (\(detail))")
            return
        }
        if code == "conflict", let session = resyncing.first {
            // A server that will not hand a held chat's history again.
            resyncing.remove(session)
            return
        }
        if code == "conflict", let n = lastAccept {
            lastAccept = nil
            book.removeOffer(n)
            problem("#\(n) could not be taken: the offer expired or another agent took it (\(detail))")
            return
        }
        problem("server refused: \(detail)")
    }

    func dropPending(of chat: Chat, because why: String) {
        for say in pending.takeAll(session: chat.session) {
            problem("not delivered to #\(chat.number) (\(why)): \(Sanitize.field(say.text, limit: 60))")
        }
        for (id, n) in pendingLeads where n == chat.number { pendingLeads[id] = nil }
    }
}
