/// One `connect`, from the call to its single report (`closed` or
/// `connectionFailed`). Lives on the service thread; lws names it in every
/// callback by the number passed as the wsi's opaque user data, so a late
/// callback of an old connection can never touch a newer one.
final class WebSocketClientAttempt {
    let id: UInt
    /// Known once lws_client_connect_via_info returned; valid until the report.
    var wsi: OpaquePointer?
    /// Set at CLIENT_ESTABLISHED: the buffers of the open connection.
    var connection: WebSocketConnection?
    /// From the peer's Close frame.
    var peerClose: (code: UInt16, reason: String)?
    /// The Close we sent (asked by `close`, or 1009 for an oversized message).
    var localClose: (code: UInt16, reason: String)?
    /// `close` came before the handshake finished.
    var cancelled = false

    init(id: UInt) { self.id = id }

    /// What `closed` reports: the peer's word first, since it explains why.
    var closeStatus: (code: UInt16, reason: String) {
        peerClose ?? localClose ?? (1006, "connection lost")
    }
}
