/// The relay's rules, with no I/O: events in, effects out. One relay serves
/// every site; the server runs it on the transport's loop thread.
public final class Relay {
    /// Per-connection limits the relay enforces itself.
    public struct Limits: Sendable {
        public var maxTextCharacters = 4000
        public var helloTimeout: Double = 10
        public var framesPerMinute = 120
        /// A session where the visitor never spoke holds nothing worth
        /// keeping: it goes this soon after its last tab closes, so hellos
        /// alone cannot fill memory for the whole idle timeout.
        public var silentSessionTimeout: Double = 120
        public var offerTimeout: Double = 20
        public var agentGrace: Double = 30

        public init() {}
    }

    let clock: any Clock
    var tokens: any TokenSource
    let responder: any AutoResponder
    /// Replaced by a config reload; applies to frames and timers from then on.
    public var limits: Limits {
        didSet {
            // Idle deadlines were worked out with the old timeout: a
            // shorter one must not wait for them.
            guard limits.silentSessionTimeout < oldValue.silentSessionTimeout else { return }
            for session in sessions.values where session.connections.isEmpty { watchIdle(session, sooner: true) }
        }
    }
    var sites: [String: SharedSite]
    /// Offers sent to agents and frames refused by `frames_per_minute`,
    /// since start: counters for the metrics page.
    public internal(set) var offersMade = 0
    public internal(set) var rateLimitHits = 0
    var sessions: [String: Session] = [:]
    var sessionsByResumeHash: [String: String] = [:]
    var connections: [ConnectionID: Connection] = [:]
    /// Connections opened since the last tick, or still without a hello
    /// (`tick`). A list, not a deadline each: most say hello within
    /// milliseconds, and a ramp of thousands would leave a large queue
    /// behind for ten seconds, counted against every idle session.
    var awaitingHello: [ConnectionID] = []
    /// When to look again at a session's offer or agent grace, and at a
    /// session no visitor tab is attached to (`tick`).
    var routingDeadlines = DeadlineQueue<String>()
    var idleDeadlines = DeadlineQueue<String>()
    /// Sessions with an idle check queued: a tab that comes and goes (or a
    /// client reconnecting in a loop) adds no entry while one waits; the
    /// waiting one re-queues itself if the deadline has moved.
    private var idleQueued: Set<String> = []
    /// Ended sessions with messages still waiting to be announced.
    var finishing: [String: Session] = [:]
    var officeStatuses = OfficeStatusMemo()
    /// Each site's greeting for its current office status: the same text
    /// for every new visitor of a site until the office opens or closes,
    /// so sessions share one copy of it (an idle session holds little
    /// besides its greeting), and it is rendered once, not per visitor.
    private var greetings: [String: SiteGreeting] = [:]
    private var origins: Set<String> = []
    var agents: [String: AgentPresence] = [:]
    /// Reads the agents' credentials afresh (the server's disk), or nil when
    /// nothing changed. Asked when a hello's token is unknown, so an agent
    /// added a moment ago signs in without a restart.
    public var reloadAgents: (() -> [AgentCredential]?)?
    /// False while the store reports failed writes: new sessions are refused
    /// with the practice's phone number; chats in progress keep relaying.
    public private(set) var storageHealthy = true

    public init(sites: [Site], limits: Limits, clock: any Clock, tokens: any TokenSource,
                responder: any AutoResponder = ScriptResponder()) {
        self.sites = SharedSite.byID(sites)
        self.limits = limits
        self.clock = clock
        self.tokens = tokens
        self.responder = responder
    }

    public var liveSessionCount: Int { sessions.count }
    public var connectionCount: Int { connections.count }

    /// Open connections by what they said in `hello`: visitor, agent, or
    /// none yet (`pending`).
    public var connectionsByRole: [String: Int] {
        var counts = ["visitor": 0, "agent": 0, "pending": 0]
        for connection in connections.values {
            switch connection.state {
            case .visitor: counts["visitor", default: 0] += 1
            case .agent: counts["agent", default: 0] += 1
            case .awaitingHello, .closing: counts["pending", default: 0] += 1
            }
        }
        return counts
    }

    /// Offers waiting for an agent's answer.
    public var liveOfferCount: Int { sessions.values.reduce(0) { $0 + ($1.offer == nil ? 0 : 1) } }

    // MARK: Connections

    public func connectionOpened(_ id: ConnectionID, origin: String?) -> [RelayEffect] {
        connections[id] = Connection(openedAt: clock.now(), origin: origin.map(sharedOrigin), framesPerMinute: limits.framesPerMinute)
        awaitingHello.append(id)
        return []
    }

    /// The one copy of an origin seen before: every widget of a practice
    /// sends the same one, and each would otherwise hold its own. Only the
    /// first few hundred distinct origins are kept, so random ones from a
    /// hostile client cannot grow this.
    private func sharedOrigin(_ origin: String) -> String {
        if let index = origins.firstIndex(of: origin) { return origins[index] }
        if origins.count < 512 { origins.insert(origin) }
        return origin
    }

    public func connectionClosed(_ id: ConnectionID) -> [RelayEffect] {
        guard let connection = connections.removeValue(forKey: id) else { return [] }
        if case .visitor(let sessionID) = connection.state, let session = sessions[sessionID] {
            session.connections.removeAll { $0 == id }
            session.lastActivity = clock.now()
            if session.connections.isEmpty { watchIdle(session) }
        }
        if case .agent(let agentID) = connection.state, let agent = agents[agentID] {
            return agentDisconnected(agent, id)
        }
        return []
    }

    /// A binary frame: the protocol is text only.
    public func binaryReceived(_ id: ConnectionID) -> [RelayEffect] {
        guard connections[id] != nil else { return [] }
        return textReceived(id, rejection: FrameRejection(.badRequest, "binary frames are not part of the protocol; send JSON text"))
    }

    public func textReceived(_ id: ConnectionID, _ text: String) -> [RelayEffect] {
        guard var connection = connections[id] else { return [] }
        if connection.state == .closing { return [] }
        let parsed = Result { () throws(FrameRejection) in try ClientFrame.parse(text) }
        guard connection.rateLimit.take(now: clock.now()) else {
            connections[id] = connection
            rateLimitHits += 1
            let ref = (try? parsed.get())?.ref ?? { if case .failure(let r) = parsed { return r.ref }; return nil }()
            return [.send(id, ServerFrames.error(FrameRejection(.rateLimited, "too many frames; slow down and try again in a few seconds", ref: ref)))]
        }
        connections[id] = connection
        let frame: ClientFrame
        switch parsed {
        case .success(let f): frame = f
        case .failure(let rejection): return textReceived(id, rejection: rejection)
        }
        switch connection.state {
        case .awaitingHello:
            guard case .hello(let hello) = frame else { return helloRequired(id, ref: frame.ref) }
            return hello.role == .visitor ? visitorHello(id, hello) : agentHello(id, hello)
        case .visitor(let sessionID):
            guard let session = sessions[sessionID] else { return [] }
            return visitorFrame(id, frame, session)
        case .agent(let agentID):
            guard let agent = agents[agentID] else { return [] }
            return agentFrame(id, frame, agent)
        case .closing:
            return []
        }
    }

    private func textReceived(_ id: ConnectionID, rejection: FrameRejection) -> [RelayEffect] {
        if connections[id]?.state == .awaitingHello, rejection.frameType != "hello" {
            return helloRequired(id, ref: rejection.ref)
        }
        return [.send(id, ServerFrames.error(rejection))]
    }

    private func helloRequired(_ id: ConnectionID, ref: String?) -> [RelayEffect] {
        refuse(id, FrameRejection(.helloRequired, "the first frame must be {\"type\":\"hello\",...}", ref: ref), code: 1008)
    }

    /// Sends the error, then closes; the connection takes no more frames.
    func refuse(_ id: ConnectionID, _ rejection: FrameRejection, code: UInt16) -> [RelayEffect] {
        connections[id]?.state = .closing
        return [.send(id, ServerFrames.error(rejection)), .close(id, code: code, reason: rejection.code.rawValue)]
    }

    // MARK: Time

    /// Called a few times a second: hello deadlines, offers and agent
    /// grace, idle sessions. Only what has fallen due is looked at.
    public func tick() -> [RelayEffect] {
        let now = clock.now()
        var effects: [RelayEffect] = []
        var stillAwaiting: [ConnectionID] = []
        for id in awaitingHello {
            guard let connection = connections[id], connection.state == .awaitingHello else { continue }
            guard now.seconds(since: connection.openedAt) >= limits.helloTimeout else {
                stillAwaiting.append(id)
                continue
            }
            connections[id]?.state = .closing
            effects.append(.close(id, code: 1008, reason: "no hello"))
        }
        awaitingHello = stillAwaiting
        effects += routingTick(now: now)
        while let id = idleDeadlines.popDue(at: now) {
            idleQueued.remove(id)
            guard let session = sessions[id], session.connections.isEmpty else { continue }
            guard idleDeadline(session) <= now else {
                // Something happened since (an agent's message, a tab that
                // came and went): look again then.
                watchIdle(session)
                continue
            }
            effects += end(session, reason: .idle)
        }
        return effects
    }

    /// When a session with no visitor tab ends for idleness.
    func idleDeadline(_ session: Session) -> Timestamp {
        let timeout = session.persisted ? session.site.idleTimeout : min(session.site.idleTimeout, limits.silentSessionTimeout)
        return session.lastActivity.adding(seconds: timeout)
    }

    /// Call whenever a session is left with no visitor tab. `sooner`: the
    /// deadline may have moved earlier (a shorter timeout), so a check
    /// already queued is not enough.
    func watchIdle(_ session: Session, sooner: Bool = false) {
        guard idleQueued.insert(session.id).inserted || sooner else { return }
        idleDeadlines.add(session.id, at: idleDeadline(session))
    }

    // MARK: Storage health

    public func storageFailed() { storageHealthy = false }
    public func storageRecovered() { storageHealthy = true }

    /// A new session's greeting lines. They depend on the site's settings
    /// and its office status alone; a reload makes a new `SharedSite`.
    func greeting(_ shared: SharedSite, _ context: ResponderContext) -> [String] {
        if let known = greetings[shared.site.id], known.site === shared, known.office == context.office { return known.lines }
        let lines = responder.greeting(context)
        greetings[shared.site.id] = SiteGreeting(site: shared, office: context.office, lines: lines)
        return lines
    }

    /// The site's office status now, worked out at most once a minute.
    func officeStatus(_ site: Site) -> OfficeStatus {
        officeStatuses.status(of: site, at: clock.now())
    }
}
