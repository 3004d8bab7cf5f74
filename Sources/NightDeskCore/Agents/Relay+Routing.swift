/// Who answers a chat: offers to on-call agents (least loaded, then longest
/// idle), expiry to the next, the auto-responder after the last.
extension Relay {
    /// Called when the visitor first speaks: an offer goes out unless the
    /// office is open and the site keeps its own desk in hours.
    func route(_ session: Session) -> [RelayEffect] {
        let office = officeStatus(session.site)
        if office.isOpen, session.site.insideHours == .autoResponder { return [] }
        return offerNext(session)
    }

    /// Offers the chat to the best agent not yet offered it; with none, it
    /// stays with the auto-responder (which has been answering all along).
    func offerNext(_ session: Session) -> [RelayEffect] {
        withdrawOffer(session)
        guard session.handler == nil, !session.ended else { return [] }
        let candidates = agents.values.filter {
            $0.connection != nil && $0.available && $0.covers(session.site.id) && $0.hasRoom && !session.offeredTo.contains($0.id)
        }
        guard let agent = candidates.min(by: { a, b in
            a.load != b.load ? a.load < b.load : (a.idleSince != b.idleSince ? a.idleSince < b.idleSince : a.id < b.id)
        }), let connection = agent.connection else { return [] }
        let expiresAt = clock.now().adding(seconds: limits.offerTimeout)
        session.offer = PendingOffer(agent: agent.id, expiresAt: expiresAt)
        routingDeadlines.add(session.id, at: expiresAt)
        session.offeredTo.insert(agent.id)
        agent.offers.insert(session.id)
        offersMade += 1
        return [.send(connection, AgentFrames.offer(session, expiresAt: expiresAt))]
    }

    /// Tells every available agent of the site that a chat may be an
    /// emergency; the first to `/take` it has it.
    func alertAgents(_ session: Session) -> [RelayEffect] {
        let frame = AgentFrames.alert(session)
        return agents.values
            .filter { $0.available && $0.covers(session.site.id) }
            .sorted { $0.id < $1.id }
            .compactMap { agent in agent.connection.map { .send($0, frame) } }
    }

    func withdrawOffer(_ session: Session) {
        if let offer = session.offer { agents[offer.agent]?.offers.remove(session.id) }
        session.offer = nil
    }

    /// Chats the auto-responder holds that this agent was never offered:
    /// an agent who comes on duty at 2 am sees what is waiting.
    func offerWaiting(to agent: AgentPresence) -> [RelayEffect] {
        var effects: [RelayEffect] = []
        let waiting = sessions.values
            .filter { $0.handler == nil && $0.offer == nil && $0.visitorSpoke && agent.covers($0.site.id) && !$0.offeredTo.contains(agent.id) }
            .sorted { $0.start.startedAt < $1.start.startedAt }
        for session in waiting where agent.hasRoom && agent.available {
            let office = officeStatus(session.site)
            if office.isOpen, session.site.insideHours == .autoResponder { continue }
            effects += offerNext(session)
        }
        return effects
    }

    func assign(_ session: Session, to agent: AgentPresence) -> [RelayEffect] {
        withdrawOffer(session)
        session.handler = agent.id
        session.agentGraceUntil = nil
        if !session.agentsSeen.contains(agent.id) { session.agentsSeen.append(agent.id) }
        agent.sessions.append(session.id)
        var effects: [RelayEffect] = [.persist(.handler(session: session.id, agent: agent.id))]
        if let connection = agent.connection { effects.append(.send(connection, AgentFrames.assigned(session))) }
        effects += systemMessage("\(agent.name) joined the chat", in: session)
        return effects
    }

    /// Gives the chat back to the auto-responder, which picks up where it
    /// stopped (its memory has read every message meanwhile) and asks the
    /// next thing it still needs, never what it was already told.
    func returnToBot(_ session: Session, saying text: String) -> [RelayEffect] {
        if let id = session.handler, let agent = agents[id] {
            agent.sessions.removeAll { $0 == session.id }
            if agent.sessions.isEmpty { agent.idleSince = clock.now() }
        }
        session.handler = nil
        session.agentGraceUntil = nil
        var effects: [RelayEffect] = [.persist(.handler(session: session.id, agent: nil))] + systemMessage(text, in: session)
        let context = ResponderContext(site: session.site, office: officeStatus(session.site),
                                       recorded: session.agentFields)
        let outcome = responder.resume(after: session.responderMemory, context)
        session.responderMemory = outcome.memory
        for line in outcome.replies {
            effects += serverMessage(.bot, name: session.site.name, text: line, in: session)
        }
        return effects
    }

    /// A `system` entry of the transcript, journaled and announced when durable.
    func systemMessage(_ text: String, in session: Session) -> [RelayEffect] {
        serverMessage(.system, name: "NightDesk", text: text, in: session)
    }

    /// An entry the server writes (system or auto-responder), journaled and
    /// announced when durable; before the visitor's first words nothing is
    /// journaled, so it goes out at once.
    func serverMessage(_ from: Sender, name: String, text: String, in session: Session) -> [RelayEffect] {
        var effects = append(from, name: name, text: text, to: session, clientID: nil)
        if session.persisted {
            effects.append(.whenDurable(DurableMark(session: session.id, seq: session.messages.count, ack: nil)))
        } else {
            effects += announce(session, upTo: session.messages.count)
        }
        return effects
    }

    /// Expired offers move on; chats whose agent did not come back in time
    /// go back to the auto-responder and are offered again.
    func routingTick(now: Timestamp) -> [RelayEffect] {
        var effects: [RelayEffect] = []
        while let id = routingDeadlines.popDue(at: now) {
            guard let session = sessions[id] else { continue }
            if let offer = session.offer, offer.expiresAt <= now {
                effects += offerNext(session)
            }
            if let until = session.agentGraceUntil, until <= now {
                let name = session.handler.flatMap { agents[$0]?.name } ?? "Your agent"
                effects += returnToBot(session, saying: "\(name) was disconnected. Our assistant is with you until someone is back.")
                effects += offerNext(session)
            }
        }
        return effects
    }
}
