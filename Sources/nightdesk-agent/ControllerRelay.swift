import NightDeskTransport
import Synchronization

/// How other threads (the keyboard reader, signal handlers, lws' log hook)
/// reach the controller: each posts a job that runs on the service thread.
final class ControllerRelay: Sendable {
    private let target = Mutex<(WebSocketClient, LoopBound<AgentController>)?>(nil)

    /// Called once, on the service thread, while the controller is made.
    func attach(_ client: WebSocketClient, _ controller: AgentController) {
        let bound = LoopBound(controller, on: client)
        target.withLock { $0 = (client, bound) }
    }

    func post(_ job: @escaping @Sendable (AgentController) -> Void) {
        guard let (client, bound) = target.withLock({ $0 }) else { return }
        client.post { job(bound.get()) }
    }
}
