/// Receives a `WebSocketClient`'s events, always on its service thread, one
/// at a time. Every `connect` ends in exactly one of `closed` (it had
/// connected) or `connectionFailed` (it never had).
public protocol WebSocketClientDelegate: AnyObject {
    /// The handshake finished; `send` works from now on.
    func connected()
    /// One whole text message, its fragments joined.
    func received(text: String)
    /// The connection that `connected` announced is over. `code` is the
    /// peer's close status, ours when we closed it, 1006 when it just went.
    func closed(code: UInt16, reason: String)
    /// The connection never got through (refused, DNS, TLS, handshake).
    func connectionFailed(_ reason: String)
    /// Every `WebSocketClientOptions.tickMicroseconds`: timers of the caller.
    func tick()
}
