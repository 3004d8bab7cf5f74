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
    /// At the end of each loop turn, before the turn's frames are written:
    /// work gathered over the turn is handed on here, once. Only on the
    /// libuv loop (`WebSocketServer.endsTurns`).
    func turnEnded()
    /// A request to `/api`; answer it with `WebSocketServer.respond`, from
    /// the service thread, now or later.
    func httpRequest(_ exchange: UInt64, _ request: HTTPRequest)
    /// At the handshake, after the path and origin checks: whether a new
    /// WebSocket from `peer` may open. A refusal is answered HTTP 503.
    func admitsWebSocket(from peer: String) -> Bool
    /// A transport limit closed a connection (`max_frame_bytes`,
    /// `max_queued_bytes`), named as its config key.
    func limitHit(_ limit: String)
}

/// Connection limits, their refusals and turn ends are optional for a delegate.
extension WebSocketServerDelegate {
    public func admitsWebSocket(from peer: String) -> Bool { true }
    public func limitHit(_ limit: String) {}
    public func turnEnded() {}
}
