import Foundation

/// Reads stdin on a thread of its own (a blocking read must never hold up
/// the network loop) and hands the bytes to the controller.
enum InputReader {
    static func start(relay: ControllerRelay, interactive: Bool) {
        let thread = Thread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
                if n > 0 {
                    let bytes = Array(buffer.prefix(n))
                    relay.post { $0.keyboard(bytes, interactive: interactive) }
                    continue
                }
                if n < 0, errno == EINTR { continue }
                relay.post { $0.inputEnded() }
                return
            }
        }
        thread.name = "nightdesk-agent-input"
        thread.start()
    }
}
