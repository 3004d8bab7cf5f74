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
    let config: NightDeskConfig
    let logger: Logger
    let credentials: AgentCredentialFiles
    let api: StaffAPI
    private var selfBound: LoopBound<RelayHost>?
    private var credentialsFingerprint: Int64?
    private var ticks = 0
    private var digests = DigestSchedule()

    init(relay: Relay, transport: WebSocketServer, journal: Journal, config: NightDeskConfig, logger: Logger) {
        self.relay = relay
        self.transport = transport
        self.journal = journal
        self.config = config
        self.logger = logger
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
                journal.append(record)
            case .whenDurable(let mark):
                let host = bound, transport = transport
                journal.afterDurable { ok in
                    transport.post {
                        let relayHost = host.get()
                        relayHost.perform(relayHost.relay.durable(mark, ok: ok))
                    }
                }
            case .writeLead(let lead, let then):
                let host = bound, transport = transport
                journal.writeLead(lead) {
                    transport.post {
                        host.get().logger.info("lead written", metadata: ["lead": "\(lead.id)"])
                        host.get().perform(then)
                    }
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

    func opened(_ connection: UInt64, origin: String?, peer: String) {
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
        logger.debug("disconnected", metadata: ["connection": "\(connection)"])
        perform(relay.connectionClosed(connection))
    }

    func httpRequest(_ exchange: UInt64, _ request: HTTPRequest) {
        let transport = transport
        api.submit(request) { response in transport.post { transport.respond(exchange, response) } }
    }

    func tick() {
        ticks += 1
        // About once a second: an agent revoked on disk loses its socket.
        if ticks % 4 == 0, let agents = agentsIfChanged() { perform(relay.updateAgents(agents)) }
        if ticks % 4 == 0 {
            for due in digests.due(at: SystemClock().now(), sites: config.sites) { api.writeDigest(due) }
        }
        perform(relay.tick())
    }
}
