/// The agent side of PROTOCOL.md.
extension Relay {
    /// Replaces the set of agents (from the credentials on disk). Agents
    /// removed or revoked lose their socket at once, and their chats go
    /// back to the auto-responder.
    public func updateAgents(_ credentials: [AgentCredential]) -> [RelayEffect] {
        var effects: [RelayEffect] = []
        let current = Dictionary(credentials.filter { !$0.revoked }.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (id, agent) in agents where current[id] == nil {
            if let connection = agent.connection {
                effects += refuse(connection, FrameRejection(.unauthorized, "your access was revoked; ask the operator"), code: 1008)
            }
            agent.connection = nil
            for sessionID in agent.sessions {
                guard let session = sessions[sessionID] else { continue }
                effects += returnToBot(session, saying: "\(agent.name) had to leave. Our assistant is with you until someone is back.")
                effects += offerNext(session)
            }
            for sessionID in agent.offers { if let session = sessions[sessionID] { effects += offerNext(session) } }
            agents[id] = nil
        }
        for credential in current.values {
            if let agent = agents[credential.id] {
                agent.credential = credential
            } else {
                agents[credential.id] = AgentPresence(credential: credential, now: clock.now())
            }
        }
        return effects
    }

    func agentHello(_ id: ConnectionID, _ hello: Hello) -> [RelayEffect] {
        guard let token = hello.token, !token.isEmpty else {
            return refuse(id, FrameRejection(.unauthorized, "an agent's hello needs its \"token\""), code: 1008)
        }
        let hash = tokens.hash(token)
        var found = agents.values.first { constantTimeEqual($0.credential.tokenHash, hash) }
        if found == nil, let fresh = reloadAgents?() {
            // A credential made by `nightdesk agents add` since the last look.
            let effects = updateAgents(fresh)
            found = agents.values.first { constantTimeEqual($0.credential.tokenHash, hash) }
            if found == nil { return effects + refuse(id, FrameRejection(.unauthorized, "unknown or revoked agent token"), code: 1008) }
        }
        guard let agent = found else {
            return refuse(id, FrameRejection(.unauthorized, "unknown or revoked agent token"), code: 1008)
        }
        var effects: [RelayEffect] = []
        if let previous = agent.connection, previous != id {
            effects += refuse(previous, FrameRejection(.conflict, "signed in from another place"), code: 1008)
        }
        agent.connection = id
        connections[id]?.state = .agent(id: agent.id)
        let held = agent.sessions.compactMap { sessions[$0] }
        for session in held { session.agentGraceUntil = nil }
        effects.append(.send(id, AgentFrames.welcome(agent, summaries: held.map(AgentFrames.summary))))
        return effects
    }

    func agentDisconnected(_ agent: AgentPresence, _ connection: ConnectionID) -> [RelayEffect] {
        guard agent.connection == connection else { return [] }
        agent.connection = nil
        let graceUntil = clock.now().adding(seconds: limits.agentGrace)
        for sessionID in agent.sessions {
            guard let session = sessions[sessionID] else { continue }
            session.agentGraceUntil = graceUntil
            routingDeadlines.add(sessionID, at: graceUntil)
        }
        var effects: [RelayEffect] = []
        for sessionID in agent.offers { if let session = sessions[sessionID] { effects += offerNext(session) } }
        return effects
    }

    func agentFrame(_ id: ConnectionID, _ frame: ClientFrame, _ agent: AgentPresence) -> [RelayEffect] {
        let reply = { (rejection: FrameRejection) -> [RelayEffect] in [.send(id, ServerFrames.error(rejection))] }
        switch frame {
        case .hello:
            return reply(FrameRejection(.badRequest, "hello was already received on this connection"))
        case .leave:
            return reply(FrameRejection(.badRequest, "\"leave\" is a visitor frame; agents end a chat with \"close\""))
        case .status(let available):
            agent.available = available
            var effects: [RelayEffect] = [.send(id, AgentFrames.status(available: available))]
            if available {
                if agent.sessions.isEmpty { agent.idleSince = clock.now() }
                effects += offerWaiting(to: agent)
            } else {
                for sessionID in agent.offers { if let session = sessions[sessionID] { effects += offerNext(session) } }
            }
            return effects
        case .list:
            let items = sessions.values.filter { agent.covers($0.site.id) }
                .sorted { $0.start.startedAt < $1.start.startedAt }
                .map(AgentFrames.summary)
            return [.send(id, AgentFrames.sessions(items))]
        case .accept(let sessionID):
            // PROTOCOL.md: any accept of a chat not (or no longer) offered to
            // this agent is a conflict, whoever's chat it is.
            guard let session = sessions[sessionID] else {
                return reply(FrameRejection(.unknownSession, "no live chat \(sessionID.prefix(64))"))
            }
            guard session.offer?.agent == agent.id, let offer = session.offer, clock.now() < offer.expiresAt else {
                return reply(FrameRejection(.conflict, "this chat is no longer offered to you (it expired or someone else took it)"))
            }
            return assign(session, to: agent)
        case .decline(let sessionID):
            let session: Session
            switch lookup(sessionID, for: agent) { case .success(let s): session = s; case .failure(let r): return reply(r) }
            guard session.offer?.agent == agent.id else { return [] }
            return offerNext(session)
        case .takeover(let sessionID):
            let session: Session
            switch lookup(sessionID, for: agent) { case .success(let s): session = s; case .failure(let r): return reply(r) }
            if session.handler == agent.id { return [.send(id, AgentFrames.assigned(session))] }
            if let other = session.handler, agents[other]?.connection != nil || session.agentGraceUntil != nil, other != agent.id {
                return reply(FrameRejection(.conflict, "another agent holds this chat"))
            }
            if let other = session.handler { agents[other]?.sessions.removeAll { $0 == session.id } }
            return assign(session, to: agent)
        case .say(let clientID, let text, let sessionID):
            let session: Session
            switch held(sessionID, by: agent, ref: clientID) { case .success(let s): session = s; case .failure(let r): return reply(r) }
            if text.hasMoreCharacters(than: limits.maxTextCharacters) {
                return reply(FrameRejection(.tooLarge, "a message can be at most \(limits.maxTextCharacters) characters", ref: clientID))
            }
            let key = agentKey(agent, clientID)
            if let seq = session.messages.seq(ofClientID: key, from: .agent) {
                let ack = DurableMark.Ack(connection: id, clientID: clientID, seq: seq, agentSession: session.id)
                return [.whenDurable(DurableMark(session: session.id, seq: seq, ack: ack))]
            }
            var effects = append(.agent, name: agent.name, text: text, to: session, clientID: key)
            let ack = DurableMark.Ack(connection: id, clientID: clientID, seq: session.messages.count, agentSession: session.id)
            effects.append(.whenDurable(DurableMark(session: session.id, seq: session.messages.count, ack: ack)))
            return effects
        case .typing(let on, let sessionID):
            guard let sessionID, let session = sessions[sessionID], session.handler == agent.id else {
                return reply(FrameRejection(.notAssigned, "typing goes to a chat you hold; name it in \"session\""))
            }
            return session.connections.map { .send($0, AgentFrames.agentTyping(name: agent.name, on: on)) }
        case .lead(let sessionID, let clientID, let fields):
            let session: Session
            switch held(sessionID, by: agent, ref: clientID) { case .success(let s): session = s; case .failure(let r): return reply(r) }
            session.agentFields.merge(fields) { _, new in new }
            let ack = DurableMark.Ack(connection: id, clientID: clientID, seq: nil, agentSession: session.id)
            return [.persist(.leadFields(session: session.id, fields: fields)),
                    .whenDurable(DurableMark(session: session.id, seq: session.announcedSeq, ack: ack))]
        case .release(let sessionID):
            let session: Session
            switch held(sessionID, by: agent, ref: nil) { case .success(let s): session = s; case .failure(let r): return reply(r) }
            return returnToBot(session, saying: "\(agent.name) handed the chat back to our assistant.")
        case .close(let sessionID, let disposition):
            let session: Session
            switch held(sessionID, by: agent, ref: nil) { case .success(let s): session = s; case .failure(let r): return reply(r) }
            session.agentFields["disposition"] = disposition
            return [.persist(.leadFields(session: session.id, fields: ["disposition": disposition]))] + end(session, reason: .agentClosed)
        }
    }

    /// Agents' say ids live in their own space: an agent's "a-1" is not a visitor's.
    private func agentKey(_ agent: AgentPresence, _ clientID: String) -> String { "agent:\(agent.id):\(clientID)" }

    /// A live session of one of the agent's sites.
    private func lookup(_ sessionID: String, for agent: AgentPresence) -> Result<Session, FrameRejection> {
        guard let session = sessions[sessionID] else {
            return .failure(FrameRejection(.unknownSession, "no live chat \(sessionID.prefix(64))"))
        }
        guard agent.covers(session.site.id) else {
            return .failure(FrameRejection(.notAssigned, "this chat is not one of your practices'"))
        }
        return .success(session)
    }

    /// A session this agent holds.
    private func held(_ sessionID: String?, by agent: AgentPresence, ref: String?) -> Result<Session, FrameRejection> {
        guard let sessionID else { return .failure(FrameRejection(.badRequest, "name the chat in \"session\"", ref: ref)) }
        guard let session = sessions[sessionID], session.handler == agent.id else {
            return .failure(FrameRejection(.notAssigned, "you do not hold this chat; accept or take it over first", ref: ref))
        }
        return .success(session)
    }
}
