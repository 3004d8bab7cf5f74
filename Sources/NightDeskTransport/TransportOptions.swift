/// How the WebSocket/HTTP server listens and what it accepts.
public struct TransportOptions: Sendable {
    public var host: String
    /// 0 picks a free port; `WebSocketServer.port` tells which.
    public var port: Int
    /// Served at `/`; nil serves no files.
    public var publicDirectory: String?
    public var tlsCertificate: String?
    public var tlsKey: String?
    /// Larger frames close the connection with 1009.
    public var maxFrameBytes: Int
    public var pingSeconds: Int
    public var hangupSeconds: Int
    /// A connection that has not finished its HTTP request or upgrade by then is dropped.
    public var handshakeSeconds: Int = 10
    /// Output queued for one connection past this, with no write going out
    /// for `stalledSeconds`, drops it: a slow reader must not make the
    /// server's memory grow. Past `hardQueuedBytes` it goes at once.
    public var maxQueuedBytes: Int = 1 << 20
    /// A reader that is reading may get a burst (offers carrying whole
    /// histories) past the cap in one loop turn: it gets this long to drain.
    public var stalledSeconds: Double = 5
    public var hardQueuedBytes: Int = 8 << 20
    /// The epoll-backed libuv loop; libwebsockets' poll() loop costs a whole
    /// core at a few thousand connections.
    public var useLibuv = true
    /// How often `WebSocketServerDelegate.tick` runs.
    public var tickMicroseconds: Int64 = 250_000

    public init(host: String, port: Int, publicDirectory: String?, tlsCertificate: String? = nil, tlsKey: String? = nil,
                maxFrameBytes: Int = 16 * 1024, pingSeconds: Int = 30, hangupSeconds: Int = 60) {
        self.host = host
        self.port = port
        self.publicDirectory = publicDirectory
        self.tlsCertificate = tlsCertificate
        self.tlsKey = tlsKey
        self.maxFrameBytes = maxFrameBytes
        self.pingSeconds = pingSeconds
        self.hangupSeconds = hangupSeconds
    }
}

/// Why the server could not start.
public struct TransportError: Error, CustomStringConvertible {
    public var description: String
}
