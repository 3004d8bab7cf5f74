import Foundation

/// How the server listens and what it limits; every field has a default.
public struct ServerSettings: Sendable, Equatable {
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    public var dataDirectory: String = "Transcripts"
    /// Static files; nil means the `Public/` folder found next to the binary or
    /// in the working directory.
    public var publicDirectory: String?
    public var tlsCertificate: String?
    public var tlsKey: String?
    public var maxFrameBytes: Int = 16 * 1024
    public var maxTextCharacters: Int = 4000
    public var helloTimeout: TimeInterval = 10
    /// Seconds of silence before a ping, and before a silent peer is dropped.
    public var pingInterval: Int = 30
    public var pingHangup: Int = 60
    /// Frames a connection may send per minute before `rate_limited`.
    public var framesPerMinute: Int = 120
    /// How long an agent has to accept an offer before it goes to the next.
    public var offerTimeout: TimeInterval = 20
    /// How long an agent's chats wait for it after its connection drops.
    public var agentGrace: TimeInterval = 30
    /// Open WebSockets in all: past it, new ones get HTTP 503. Below the
    /// process's open-file limit (systemd unit: 20,000), with room for
    /// journal, lead and HTTP descriptors.
    public var maxConnections: Int = 15_000
    /// Open WebSockets from one peer address: one address (a script, a bot)
    /// cannot take the whole server (256 is under 2% of `maxConnections`).
    /// Generous for a clinic's NAT or a carrier's shared address, and for a
    /// test or benchmark of a few hundred visitors from one machine; a
    /// larger load generator raises it in its config.
    public var maxConnectionsPerAddress: Int = 256
    /// Output waiting for one connection past this (untouched for 5 s, or
    /// 8 times this at once) drops it: a reader that stopped cannot make
    /// the server's memory grow.
    public var maxQueuedBytes: Int = 1 << 20
    /// Bearer token for `GET /metrics`; nil lets only loopback peers scrape.
    public var metricsToken: String?

    public init() {}
}

/// The whole configuration: server settings and the sites.
public struct NightDeskConfig: Sendable, Equatable {
    public var settings: ServerSettings
    public var sites: [Site]

    public init(settings: ServerSettings, sites: [Site]) {
        self.settings = settings
        self.sites = sites
    }

    public func site(_ id: String) -> Site? { sites.first { $0.id == id } }
}
