/// Receives the server's events, always on the service thread, one at a
/// time. A connection number is never reused while the process runs.
public protocol WebSocketServerDelegate: AnyObject {
    /// At the handshake: whether to accept a browser `Origin` (nil when the
    /// client sent none). Refused handshakes never reach `opened`.
    func acceptsOrigin(_ origin: String?) -> Bool
    func opened(_ connection: UInt64, origin: String?, peer: String)
    func received(_ connection: UInt64, text: String)
    func receivedBinary(_ connection: UInt64)
    func closed(_ connection: UInt64)
    func tick()
    /// A request to `/api`; answer it with `WebSocketServer.respond`, from
    /// the service thread, now or later.
    func httpRequest(_ exchange: UInt64, _ request: HTTPRequest)
}
