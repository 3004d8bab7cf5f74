/// Start-up recovery: rebuilding sessions from the journal.
extension Relay {
    /// Rebuilds the live sessions from their journal records (each inner
    /// array one session's records, in order). Sessions that had ended but
    /// whose lead was not yet written get their lead now; idle ones end on
    /// the next `tick`.
    public func restore(_ journals: [[JournalRecord]]) -> [RelayEffect] {
        var effects: [RelayEffect] = []
        for records in journals {
            guard case .sessionStarted(let start)? = records.first else { continue }
            let shared = sites[start.site] ?? SharedSite(Site(id: start.site, name: start.site, phone: "",
                                                              officeHours: OfficeHours(timeZone: .gmt, weekly: [])))
            let site = shared.site
            let session = Session(start: start, site: shared)
            session.persisted = true
            var ended: (SessionEndReason, Timestamp)?
            var leadWritten = false
            for record in records.dropFirst() {
                switch record {
                case .message(_, let message, let clientID):
                    guard message.seq == session.nextSeq else { continue }
                    session.messages.append(message, clientID: clientID)
                    session.lastActivity = message.at
                case .ended(_, let reason, let at): ended = (reason, at)
                case .leadWritten: leadWritten = true
                case .sessionStarted: continue
                case .handler(_, let agent):
                    session.handler = agent
                    if let agent, !session.agentsSeen.contains(agent) { session.agentsSeen.append(agent) }
                case .leadFields(_, let fields): session.agentFields.merge(fields) { _, new in new }
                }
            }
            if leadWritten { continue }
            let context = ResponderContext(site: site, office: site.officeHours.status(at: session.lastActivity.date), recorded: session.agentFields)
            session.responderMemory = responder.respond(to: session.messages, after: ResponderMemory(), context).memory
            if let (reason, at) = ended {
                guard session.visitorSpoke else { continue }
                let lead = LeadInput(site: site, start: start, endedAt: at, endReason: reason,
                                     transcript: Array(session.messages), facts: session.facts, handledBy: session.handledBy,
                                     agentFields: session.agentFields)
                effects.append(.writeLead(lead.record(), then: []))
                continue
            }
            // The journal gets a session's start, greeting and first visitor
            // message together, but a crash can keep only a prefix of them.
            // Without the visitor's words nothing of it was acknowledged, and
            // the visitor may have seen a greeting that is not on disk:
            // resuming would give its seq to another message. Forget the
            // session; the visitor's resume starts a fresh one.
            guard session.visitorSpokeInTranscript else {
                effects.append(.persist(.leadWritten(session: session.id)))
                continue
            }
            session.durableSeq = session.messages.count
            session.announcedSeq = session.messages.count
            session.messages.pack(upTo: session.announcedSeq)
            // Its agent must come back within the grace period, as after a drop.
            if let agentID = session.handler {
                if let agent = agents[agentID] {
                    agent.sessions.append(session.id)
                    let graceUntil = clock.now().adding(seconds: limits.agentGrace)
                    session.agentGraceUntil = graceUntil
                    routingDeadlines.add(session.id, at: graceUntil)
                } else {
                    session.handler = nil
                }
            }
            sessions[session.id] = session
            sessionsByResumeHash[start.resumeHash] = session.id
            watchIdle(session)
        }
        return effects
    }
}
