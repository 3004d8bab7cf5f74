import Dispatch
import Logging
import NightDeskCore
import NightDeskStore
import NightDeskTransport

/// Runs the relay on the transport's service thread and carries out what it
/// asks: frames to the transport, records and leads to the journal, and the
/// journal's answers back onto the loop.
final class RelayHost: WebSocketServerDelegate {
    let relay: Relay
    let transport: WebSocketServer
    let journal: Journal
    /// Replaced by `reload` (SIGHUP, RelayHost+Reload.swift); read and
    /// written on the service thread only.
    var config: NightDeskConfig
    let logger: Logger
    /// Counters for /metrics, owned by this (the service) thread.
    var metrics = Metrics()
    var connectionCounter: ConnectionCounter
    /// Each open WebSocket's address key (`AddressKey`), to count it down when it closes.
    private var peers: [UInt64: String] = [:]
    /// When the last tick ran (uptime ns): /healthz's "loop alive".
    private(set) var lastTickAt = DispatchTime.now().uptimeNanoseconds
    let tokens = OpenSSLTokens()
    var storageProbes = StorageProbeSchedule()
    let credentials: AgentCredentialFiles
    let api: StaffAPI
    private var selfBound: LoopBound<RelayHost>?
    private var credentialsFingerprint: Int64?
    private var ticks = 0
    /// This turn's journal work and messages waiting on it, handed to the
    /// journal at the turn's end (`turnEnded`).
    private var turnJournal = JournalBatch()
    /// With when each was asked for, for the ack-latency metric.
    private var turnMarks: [(mark: DurableMark, asked: UInt64)] = []
    private var digests = DigestSchedule()

    init(relay: Relay, transport: WebSocketServer, journal: Journal, config: NightDeskConfig, logger: Logger) {
        self.relay = relay
        self.transport = transport
        self.journal = journal
        self.config = config
        self.logger = logger
        self.connectionCounter = ConnectionCounter(maxTotal: config.settings.maxConnections,
                                                   maxPerAddress: config.settings.maxConnectionsPerAddress)
        self.credentials = AgentCredentialFiles(dataDirectory: config.settings.dataDirectory)
        let tokens = OpenSSLTokens()
        self.api = StaffAPI(dataDirectory: config.settings.dataDirectory, sites: config.sites, logger: logger, hash: { tokens.hash($0) })
        relay.reloadAgents = { [unowned self] in self.agentsIfChanged() }
    }

    /// The agents' credentials, when the folder changed since the last look
    /// (a stat; the files are read only then). Small, rare reads on the loop.
    func agentsIfChanged() -> [AgentCredential]? {
        let now = credentials.fingerprint()
        guard now != credentialsFingerprint else { return nil }
        credentialsFingerprint = now
        let (found, problems) = credentials.all()
        for problem in problems { logger.warning("agents: \(problem)") }
        logger.info("agents: \(found.filter { !$0.0.revoked }.count) active credentials loaded")
        return found.map(\.0)
    }

    /// The handle writer-thread callbacks use to come back to this object.
    var bound: LoopBound<RelayHost> {
        if let selfBound { return selfBound }
        let made = LoopBound(self, on: transport)
        selfBound = made
        return made
    }

    func perform(_ effects: [RelayEffect]) {
        for effect in effects {
            switch effect {
            case .send(let connection, let text):
                transport.send(connection, text)
            case .close(let connection, let code, let reason):
                transport.close(connection, code: code, reason: reason)
            case .persist(let record):
                turnJournal.append(record)
            case .whenDurable(let mark):
                turnMarks.append((mark, DispatchTime.now().uptimeNanoseconds))
            case .writeLead(let lead, let then):
                // The messages before the lead are delivered without waiting
                // for the lead's files.
                awaitJournalForTurnMarks()
                let host = bound, transport = transport
                let score = lead.score, firstResponse = lead.firstResponseMilliseconds
                turnJournal.writeLead(lead) {
                    transport.post {
                        let relayHost = host.get()
                        relayHost.logger.info("lead written", metadata: ["lead": "\(lead.id)"])
                        relayHost.metrics.leadWritten(score: score, firstResponseMilliseconds: firstResponse)
                        relayHost.perform(then)
                    }
                }
            }
        }
        if !transport.endsTurns { turnEnded() }
    }

    /// The turn's journal work goes to the writer thread at once: one
    /// write-waiter and one durability-waiter, and one hop back to the loop
    /// each, for however many messages the turn took in.
    func turnEnded() {
        awaitJournalForTurnMarks()
        guard !turnJournal.isEmpty else { return }
        journal.submit(turnJournal)
        turnJournal = JournalBatch()
    }

    /// Delivery once the journal has written the marks' messages, acks once
    /// they are durable (see `Relay.written` and `Relay.durable`).
    private func awaitJournalForTurnMarks() {
        guard !turnMarks.isEmpty else { return }
        let marks = turnMarks
        turnMarks = []
        let host = bound, transport = transport
        turnJournal.afterWritten {
            transport.post {
                let relayHost = host.get()
                for (mark, _) in marks { relayHost.perform(relayHost.relay.written(mark)) }
            }
        }
        turnJournal.afterDurable { ok in
            transport.post {
                let relayHost = host.get()
                let now = DispatchTime.now().uptimeNanoseconds
                for (mark, asked) in marks {
                    if ok, mark.ack != nil { relayHost.metrics.acknowledged(after: Double(now &- asked) / 1e9) }
                    relayHost.perform(relayHost.relay.durable(mark, ok: ok))
                }
            }
        }
    }

    func storageHealthChanged(_ healthy: Bool) {
        if healthy { relay.storageRecovered() } else { relay.storageFailed() }
    }

    // MARK: WebSocketServerDelegate

    /// At the handshake the site is not known yet: refuse only an origin no
    /// site accepts. Each site's own list is applied at `hello`.
    func acceptsOrigin(_ origin: String?) -> Bool {
        guard let origin else { return true }
        return config.sites.contains { $0.allowedOrigins.isEmpty || $0.allowedOrigins.contains(origin) }
    }

    func admitsWebSocket(from peer: String) -> Bool {
        let key = AddressKey.of(peer)
        guard let limit = connectionCounter.refusal(for: key) else { return true }
        metrics.limitHit(limit.rawValue)
        // A flood must not become a flood of log lines: the first refusal of
        // each limit, then one line per 1,000 (the metrics count them all).
        let hits = metrics.limitHits[limit.rawValue, default: 0]
        if hits == 1 || hits % 1000 == 0 {
            logger.warning("websocket refused: connection limit", metadata: [
                "limit": "\(limit.rawValue)", "peer": "\(peer)", "counted_as": "\(key)", "refused_so_far": "\(hits)",
                "open_from_peer": "\(connectionCounter.count(for: key))", "open_total": "\(connectionCounter.total)",
            ])
        }
        return false
    }

    func limitHit(_ limit: String) {
        metrics.limitHit(limit)
    }

    func opened(_ connection: UInt64, origin: String?, peer: String) {
        let key = AddressKey.of(peer)
        connectionCounter.opened(key)
        peers[connection] = key
        logger.debug("connected", metadata: ["connection": "\(connection)", "peer": "\(peer)"])
        perform(relay.connectionOpened(connection, origin: origin))
    }

    func received(_ connection: UInt64, text: String) {
        perform(relay.textReceived(connection, text))
    }

    func receivedBinary(_ connection: UInt64) {
        perform(relay.binaryReceived(connection))
    }

    func closed(_ connection: UInt64) {
        if let key = peers.removeValue(forKey: connection) { connectionCounter.closed(key) }
        logger.debug("disconnected", metadata: ["connection": "\(connection)"])
        perform(relay.connectionClosed(connection))
    }

    func httpRequest(_ exchange: UInt64, _ request: HTTPRequest) {
        let transport = transport
        if answeredOperationsPage(exchange, request) { return }
        api.submit(request) { response in transport.post { transport.respond(exchange, response) } }
    }

    func tick() {
        ticks += 1
        lastTickAt = DispatchTime.now().uptimeNanoseconds
        // About once a second: an agent revoked on disk loses its socket.
        if ticks % 4 == 0, let agents = agentsIfChanged() { perform(relay.updateAgents(agents)) }
        if ticks % 4 == 0 {
            for due in digests.due(at: SystemClock().now(), sites: config.sites) { api.writeDigest(due) }
        }
        perform(relay.tick())
    }
}
