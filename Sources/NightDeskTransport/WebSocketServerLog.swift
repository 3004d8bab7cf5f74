import CLibWebSockets
import Logging
import Synchronization

/// libwebsockets' own warnings and errors, through the server's logger, so
/// they carry a level and a timestamp like every other line.
///
/// lws's log hook is process-wide and carries no context pointer, so its
/// destination is a process-wide slot the server sets when it starts.
enum WebSocketServerLog {
    static let sink = Mutex<Logger?>(nil)

    static let emit: nd_server_log_fn = { level, line in
        guard let line, let logger = sink.withLock({ $0 }) else { return }
        var text = String(cString: line)
        while text.last == "\n" || text.last == "\r" { text.removeLast() }
        // Said once per refused handshake, for which we log the reason
        // ourselves (and throttle it under a flood): detail only.
        if text.hasSuffix("User code denied connection") {
            logger.debug("libwebsockets: \(text)")
        } else if level & 1 != 0 { // LLL_ERR
            logger.error("libwebsockets: \(text)")
        } else {
            logger.warning("libwebsockets: \(text)")
        }
    }
}
