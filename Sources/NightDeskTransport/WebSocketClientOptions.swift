/// Where and how `WebSocketClient` connects: the server's address taken
/// apart from a `ws://` or `wss://` URL, and the client's limits.
public struct WebSocketClientOptions: Sendable {
    /// A name or an IP address, without brackets.
    public var host: String
    public var port: Int
    /// The request path (with any query), `/ws` unless the URL names one.
    public var path: String
    /// `wss://`: TLS, with the server's certificate checked against `caFile`
    /// or the system's trust store, host name included.
    public var useTLS: Bool
    /// A PEM file of certificates to trust, for a self-signed server.
    public var caFile: String?
    /// A message (all its fragments) larger than this closes the connection
    /// with 1009: the server's limit is far below, so more means trouble.
    public var maxMessageBytes = 1 << 20
    /// lws pings a connection silent this long and drops it when nothing has
    /// come back by `hangupSeconds`: a laptop that slept or lost its Wi-Fi
    /// learns that its connection is gone instead of waiting forever.
    public var pingSeconds = 20
    public var hangupSeconds = 45
    /// TCP, TLS and the upgrade together.
    public var connectSeconds = 15
    /// How often `WebSocketClientDelegate.tick` runs.
    public var tickMicroseconds: Int64 = 200_000
    /// Receives libwebsockets' own error and warning lines (nil drops them):
    /// written to stderr they would tear through a terminal's input line.
    public var libraryLog: (@Sendable (String) -> Void)?

    public init(host: String, port: Int, path: String = "/ws", useTLS: Bool = false, caFile: String? = nil) {
        self.host = host
        self.port = port
        self.path = path
        self.useTLS = useTLS
        self.caFile = caFile
    }

    /// The Host header: lws cuts it at the first ':' for TLS's server name.
    var hostHeader: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// The URL these options connect to, for messages.
    public var url: String {
        "\(useTLS ? "wss" : "ws")://\(host.contains(":") ? "[\(host)]" : host):\(port)\(path)"
    }
}

/// Why the client could not be set up or a URL was refused.
public struct WebSocketClientError: Error, CustomStringConvertible, Equatable {
    public var description: String

    public init(_ description: String) { self.description = description }
}
