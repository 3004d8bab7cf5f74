import CLibWebSockets
import Synchronization

/// libwebsockets' log hook is process-wide and carries no context pointer,
/// so its destination is a process-wide sink that the client sets.
enum WebSocketClientLog {
    static let sink = Mutex<(@Sendable (String) -> Void)?>(nil)

    static let emit: nd_client_log_fn = { _, line in
        guard let line, let handler = sink.withLock({ $0 }) else { return }
        var text = String(cString: line)
        while text.last == "\n" || text.last == "\r" { text.removeLast() }
        handler(text)
    }
}
