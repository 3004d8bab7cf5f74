import Foundation
import Logging
import NightDeskCore
import NightDeskStore
import NightDeskTransport
import Synchronization

/// The whole server: recovers the journal, then serves chats until stopped.
public final class NightDeskServer: Sendable {
    public let config: NightDeskConfig
    let logger: Logger
    let journal: Journal
    let transport: WebSocketServer
    /// The relay's host once the service thread has made it: journal health
    /// reports and config reloads find it here.
    let relayHost = RelayHostSlot()

    public init(config: NightDeskConfig, publicDirectory: String?, logger: Logger) {
        self.config = config
        self.logger = logger
        let s = config.settings
        journal = Journal(dataDirectory: s.dataDirectory, logger: logger)
        var options = TransportOptions(host: s.host, port: s.port, publicDirectory: publicDirectory,
                                       tlsCertificate: s.tlsCertificate, tlsKey: s.tlsKey,
                                       maxFrameBytes: s.maxFrameBytes, pingSeconds: s.pingInterval, hangupSeconds: s.pingHangup)
        options.handshakeSeconds = Int(s.helloTimeout.rounded(.up))
        options.maxQueuedBytes = s.maxQueuedBytes
        options.hardQueuedBytes = 8 * s.maxQueuedBytes

        options.useLibuv = ProcessInfo.processInfo.environment["NIGHTDESK_POLL_LOOP"] == nil
        transport = WebSocketServer(options: options, logger: logger)
    }

    /// Recovers, starts writing and listening; returns the URL to open.
    public func start() throws -> String {
        let recovery = try journal.recover()
        for note in recovery.notes { logger.warning("journal recovery: \(note)") }
        if !recovery.sessions.isEmpty {
            logger.notice("journal recovery: \(recovery.sessions.count) unfinished sessions restored")
        }
        let transport = transport, journal = journal, config = config, logger = logger
        // The journal starts before the relay exists; its health reports find
        // the relay through this slot once the service thread has made it.
        let host = relayHost
        try journal.start(after: recovery) { healthy in
            transport.post { host.current?.get().storageHealthChanged(healthy) }
        }
        let relayLimits = Relay.Limits(config.settings)
        try transport.start { server in
            let relay = Relay(sites: config.sites, limits: relayLimits, clock: SystemClock(), tokens: OpenSSLTokens())
            let relayHost = RelayHost(relay: relay, transport: server, journal: journal, config: config, logger: logger)
            host.current = relayHost.bound
            // Agents first: restored chats find the agent that held them.
            relayHost.perform(relay.updateAgents(relayHost.agentsIfChanged() ?? []))
            relayHost.perform(relay.restore(recovery.sessions))
            return relayHost
        }
        let scheme = config.settings.tlsCertificate == nil ? "http" : "https"
        var shownHost = ["0.0.0.0", "::", ""].contains(config.settings.host) ? "localhost" : config.settings.host
        if shownHost.contains(":") { shownHost = "[\(shownHost)]" }  // an IPv6 address, as a URL writes it
        return "\(scheme)://\(shownHost):\(transport.port)/"
    }

    /// Stops accepting and closes connections, then flushes the journal.
    /// Safe from any thread, including a signal handler's queue.
    public func stop() {
        transport.stop()
    }

    /// Blocks until `stop` has finished its work, journal flushed.
    public func waitUntilStopped() {
        transport.waitUntilStopped()
        journal.stop()
    }
}

// MARK: Reloading the config (SIGHUP)

extension NightDeskServer {
    /// Applies what can change while chats go on, and logs what needs a
    /// restart. Safe from any thread: the change lands on the service thread
    /// between two events, so no chat sees half of it.
    public func reload(_ new: NightDeskConfig) {
        let needRestart = ConfigReload.needsRestart(from: config.settings, to: new.settings)
        if !needRestart.isEmpty {
            logger.warning("config reload: \(needRestart.joined(separator: ", ")) changed; that needs a restart, the running value stays")
        }
        let host = relayHost
        transport.post {
            guard let relayHost = host.current?.get() else { return }
            relayHost.reload(ConfigReload.applicable(new, keeping: relayHost.config))
        }
    }
}

extension Relay.Limits {
    /// The relay's limits from the `[server]` settings.
    init(_ settings: ServerSettings) {
        self.init()
        maxTextCharacters = settings.maxTextCharacters
        helloTimeout = settings.helloTimeout
        framesPerMinute = settings.framesPerMinute
        offerTimeout = settings.offerTimeout
        agentGrace = settings.agentGrace
    }
}

/// Where threads other than the service thread find the relay's host, once
/// made. Sendable without `@unchecked`: the one value sits in a Mutex, and
/// what it holds is a `LoopBound`, usable only on the service thread.
final class RelayHostSlot: Sendable {
    private let slot = Mutex<LoopBound<RelayHost>?>(nil)

    var current: LoopBound<RelayHost>? {
        get { slot.withLock { $0 } }
        set { slot.withLock { $0 = newValue } }
    }
}
