/// The visitor side of PROTOCOL.md.
extension Relay {
    func visitorHello(_ id: ConnectionID, _ hello: Hello) -> [RelayEffect] {
        guard let siteID = hello.site, let shared = sites[siteID] else {
            return refuse(id, FrameRejection(.unknownSite, "no site \"\(String((hello.site ?? "").prefix(64)))\" on this server"), code: 1008)
        }
        let site = shared.site
        if !site.allowedOrigins.isEmpty, let origin = connections[id]?.origin, !site.allowedOrigins.contains(origin) {
            return refuse(id, FrameRejection(.unauthorized, "this chat is not enabled on \(origin.prefix(200))"), code: 1008)
        }
        let office = officeStatus(site)
        if let token = hello.resume, let sessionID = sessionsByResumeHash[tokens.hash(token)],
           let session = sessions[sessionID], session.site.id == site.id {
            attach(id, to: session)
            let history = Array(session.messages[min(max(hello.lastSeq ?? 0, 0), session.announcedSeq)..<session.announcedSeq])
            return [.send(id, ServerFrames.welcome(session: session.id, resume: token, resumed: true,
                                                   site: site, office: office, history: history))]
        }
        guard storageHealthy else {
            return refuse(id, unavailable(site), code: 1013)
        }
        let token = tokens.newSecret()
        let start = SessionStart(session: "s-" + tokens.newIdentifier(), site: site.id,
                                 resumeHash: tokens.hash(token), startedAt: clock.now(), source: hello.source)
        let session = Session(start: start, site: shared)
        sessions[session.id] = session
        sessionsByResumeHash[start.resumeHash] = session.id
        attach(id, to: session)
        var effects: [RelayEffect] = [.send(id, ServerFrames.welcome(session: session.id, resume: token, resumed: false,
                                                                     site: site, office: office, history: []))]
        for line in greeting(shared, ResponderContext(site: site, office: office)) {
            effects += append(.bot, name: site.name, text: line, to: session, clientID: nil)
        }
        // Nothing of this session is journaled yet: if the server dies, the
        // token finds no session and the widget starts afresh, so the
        // greeting may go out at once.
        return effects + announce(session, upTo: session.messages.count)
    }

    private func attach(_ id: ConnectionID, to session: Session) {
        connections[id]?.state = .visitor(session: session.id)
        session.connections.append(id)
        session.lastActivity = clock.now()
    }

    func unavailable(_ site: Site, ref: String? = nil) -> FrameRejection {
        FrameRejection(.unavailable, "We can't save chats right now. Please call \(site.name) at \(site.phone), or try again in a few minutes.", ref: ref)
    }

    func visitorFrame(_ id: ConnectionID, _ frame: ClientFrame, _ session: Session) -> [RelayEffect] {
        switch frame {
        case .hello:
            return [.send(id, ServerFrames.error(FrameRejection(.badRequest, "hello was already received on this connection")))]
        case .say(let clientID, let text, _):
            return say(id, clientID: clientID, text: text, in: session)
        case .typing(let on, _):
            session.lastActivity = clock.now()
            guard let agentID = session.handler, let connection = agents[agentID]?.connection else { return [] }
            return [.send(connection, AgentFrames.visitorTyping(session: session.id, on: on))]
        case .leave:
            return end(session, reason: .visitorLeft)
        default:
            return [.send(id, ServerFrames.error(FrameRejection(.badRequest, "that is an agent's frame; this connection is a visitor's", ref: frame.ref)))]
        }
    }

    private func say(_ id: ConnectionID, clientID: String, text: String, in session: Session) -> [RelayEffect] {
        if text.hasMoreCharacters(than: limits.maxTextCharacters) {
            return [.send(id, ServerFrames.error(FrameRejection(.tooLarge, "a message can be at most \(limits.maxTextCharacters) characters", ref: clientID)))]
        }
        if let seq = session.messages.seq(ofClientID: clientID, from: .visitor) {
            guard seq > session.durableSeq else { return [.send(id, ServerFrames.ack(id: clientID, seq: seq))] }
            let ack = DurableMark.Ack(connection: id, clientID: clientID, seq: seq)
            return [.whenDurable(DurableMark(session: session.id, seq: seq, ack: ack))]
        }
        let now = clock.now()
        let context = ResponderContext(site: session.site, office: officeStatus(session.site),
                                       recorded: session.agentFields, agentHolds: session.handler != nil)
        // The responder reads every message, even while an agent holds the
        // chat, so after a release it knows what it was told. It reads this
        // one before it is appended for real (its name may come from what
        // it says): a moment's append and removal, where a copy of the
        // transcript would cost a retain and release per message in it.
        session.messages.append(Message(seq: session.nextSeq, from: .visitor, name: "Visitor", text: text, at: now), clientID: nil)
        let outcome = responder.respond(to: session.messages, after: session.responderMemory, context)
        session.messages.removeLast()
        let turnedUrgent = outcome.facts.urgent && !session.responderMemory.facts.urgent
        session.responderMemory = outcome.memory
        let firstWords = !session.persisted
        var effects = append(.visitor, name: session.agentFields["name"] ?? outcome.facts.name ?? "Visitor", text: text, to: session, clientID: clientID)
        let ack = DurableMark.Ack(connection: id, clientID: clientID, seq: session.messages.count)
        if session.handler == nil {
            for line in outcome.replies {
                effects += append(.bot, name: session.site.name, text: line, to: session, clientID: nil)
            }
        }
        effects.append(.whenDurable(DurableMark(session: session.id, seq: session.messages.count, ack: ack, route: firstWords)))
        if turnedUrgent, session.handler == nil { effects += alertAgents(session) }
        return effects
    }

    /// The store's first answer to a `whenDurable`: the mark's messages are
    /// written to the journal, so they outlive this process (a kill -9
    /// loses none), though not yet a power cut. Announce them now; the ack
    /// waits for `durable`. Delivery so waits for a write, not an fsync.
    public func written(_ mark: DurableMark) -> [RelayEffect] {
        guard let session = sessions[mark.session] ?? finishing[mark.session] else { return [] }
        return announce(session, upTo: mark.seq)
    }

    /// The store's answer to a `whenDurable`: announce what is now on disk,
    /// then ack. If the disk refused, the chat still goes on (the message is
    /// announced, the store keeps retrying) but the sender hears
    /// `unavailable`, never an ack.
    public func durable(_ mark: DurableMark, ok: Bool) -> [RelayEffect] {
        var effects: [RelayEffect] = []
        if let session = sessions[mark.session] ?? finishing[mark.session] {
            if ok { session.durableSeq = max(session.durableSeq, mark.seq) }
            effects += announce(session, upTo: mark.seq)
            if session.ended, session.announcedSeq == session.messages.count { finishing[mark.session] = nil }
            if mark.route, !session.ended { effects += route(session) }
        }
        if let ack = mark.ack, connections[ack.connection] != nil {
            if ok {
                effects.append(.send(ack.connection, ack.frame))
            } else if let site = (sessions[mark.session] ?? finishing[mark.session])?.site {
                effects.append(.send(ack.connection, ServerFrames.error(unavailable(site, ref: ack.clientID))))
            }
        }
        return effects
    }

    /// Sends the messages after `announcedSeq`, up to `seq`, to every tab
    /// attached now.
    func announce(_ session: Session, upTo seq: Int) -> [RelayEffect] {
        let upTo = min(seq, session.messages.count)
        guard upTo > session.announcedSeq else { return [] }
        var effects: [RelayEffect] = []
        let agentConnection = session.handler.flatMap { agents[$0]?.connection }
        for message in session.messages[session.announcedSeq..<upTo] {
            let frames = message.frames(session: agentConnection == nil ? nil : session.id)
            for connection in session.connections { effects.append(.send(connection, frames.visitor)) }
            if let agentConnection, let frame = frames.agent { effects.append(.send(agentConnection, frame)) }
        }
        session.announcedSeq = upTo
        // Not before the visitor speaks: until then the transcript is the
        // site's shared greeting, which packing would copy.
        if session.persisted { session.messages.pack(upTo: upTo) }
        return effects
    }

    /// Adds a message and journals it (with the session's start, the first
    /// time the visitor speaks). It is announced once durable.
    func append(_ from: Sender, name: String, text: String, to session: Session, clientID: String?) -> [RelayEffect] {
        let message = Message(seq: session.nextSeq, from: from, name: name, text: text, at: clock.now())
        session.messages.append(message, clientID: clientID)
        session.lastActivity = message.at
        var effects: [RelayEffect] = []
        if !session.persisted, from == .visitor {
            session.persisted = true
            effects.append(.persist(.sessionStarted(session.start)))
            for earlier in session.messages.dropLast() {
                effects.append(.persist(.message(session: session.id, message: earlier, clientID: nil)))
            }
        }
        if session.persisted {
            effects.append(.persist(.message(session: session.id, message: message, clientID: clientID)))
        }
        return effects
    }

    /// Ends a session: journal it, make it a lead if the visitor spoke, then
    /// tell every tab `ended` and close it.
    func end(_ session: Session, reason: SessionEndReason) -> [RelayEffect] {
        sessions[session.id] = nil
        sessionsByResumeHash[session.start.resumeHash] = nil
        session.ended = true
        // Messages still on their way to disk are announced when they land
        // (before the farewell, which waits behind them in the journal).
        if session.announcedSeq < session.messages.count { finishing[session.id] = session }
        let now = clock.now()
        var farewell: [RelayEffect] = []
        for connection in session.connections {
            connections[connection]?.state = .closing
            farewell += [.send(connection, ServerFrames.ended(reason)), .close(connection, code: 1000, reason: "chat ended")]
        }
        // The agent holding it, or the one it is offered to, hears it ended.
        let offeredTo = session.offer?.agent
        withdrawOffer(session)
        for agentID in [session.handler, offeredTo].compactMap({ $0 }) {
            guard let agent = agents[agentID] else { continue }
            agent.sessions.removeAll { $0 == session.id }
            if agent.sessions.isEmpty { agent.idleSince = now }
            if let connection = agent.connection { farewell.append(.send(connection, AgentFrames.ended(session: session.id, reason: reason))) }
        }
        guard session.visitorSpoke else { return farewell }
        let lead = LeadInput(site: session.site, start: session.start, endedAt: now, endReason: reason,
                             transcript: Array(session.messages), facts: session.facts, handledBy: session.handledBy,
                             agentFields: session.agentFields)
        return [.persist(.ended(session: session.id, reason: reason, at: now)), .writeLead(lead.record(), then: farewell)]
    }
}
