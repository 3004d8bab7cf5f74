import CLibWebSockets

/// Keepalive done here rather than by libwebsockets: lws re-inserts each
/// connection's validity timer into a sorted list on every frame received,
/// a walk over all connections per message (at 19k sessions, more than the
/// relay's own work). Here a frame costs a clock read, and once a second a
/// sweep looks at every connection: one silent for `pingSeconds` gets a
/// ping; one silent for `hangupSeconds` (a laptop that slept, Wi-Fi gone)
/// is dropped, and its chat waits for it to resume.
extension WebSocketServer {
    func sweepKeepalive(now: UInt64) {
        guard options.pingSeconds > 0 else { return }
        let pingAfter = UInt64(options.pingSeconds) * 1_000_000_000
        let hangupAfter = UInt64(max(options.hangupSeconds, options.pingSeconds + 1)) * 1_000_000_000
        // Once a second, or four times per ping interval if that is shorter.
        guard now &- lastKeepaliveSweep >= min(1_000_000_000, pingAfter / 4) else { return }
        lastKeepaliveSweep = now
        for (id, c) in connections where !c.isClosing {
            let silent = now &- c.lastHeard
            if let pinged = c.pingSentAt {
                // Dropped only once a ping has had its time to be answered.
                guard silent >= hangupAfter, now &- pinged >= hangupAfter - pingAfter else { continue }
                logger.info("dropping a connection that answers nothing", metadata: ["connection": "\(id)", "silent_seconds": "\(silent / 1_000_000_000)"])
                c.dropSoon()
            } else if silent >= pingAfter {
                c.pingSentAt = now
                if c.canWriteAtOnce {
                    if nd_write_ping(c.wsi) < 0 { c.dropSoon() }
                } else {
                    c.pingDue = true
                    lws_callback_on_writable(c.wsi)
                }
            }
        }
    }
}
