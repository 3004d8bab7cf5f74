import Foundation

/// A reference that may travel between threads but is only ever used on a
/// service thread (the server's or a client's): handing work back to the
/// loop (`post`) needs to name loop-owned objects from other threads.
///
/// `@unchecked Sendable` is safe because `value` is private and the only
/// way to reach it, `get()`, traps unless called on the loop's own thread,
/// so no two threads ever touch the object.
public struct LoopBound<Value: AnyObject>: @unchecked Sendable {
    private let value: Value
    private let thread: LoopThreadIdentity

    public init(_ value: Value, on server: WebSocketServer) {
        self.init(value, handoff: server.handoff)
    }

    public init(_ value: Value, on client: WebSocketClient) {
        self.init(value, handoff: client.handoff)
    }

    private init(_ value: Value, handoff: ServiceThreadHandoff) {
        precondition(handoff.isOnServiceThread, "LoopBound must be made on the service thread")
        self.value = value
        self.thread = handoff.threadIdentity
    }

    public func get() -> Value {
        precondition(thread.isCurrent, "a loop-bound object was touched off the service thread")
        return value
    }
}

/// Identifies the service thread without holding on to the Thread object.
struct LoopThreadIdentity: Sendable {
    let id: pthread_t

    var isCurrent: Bool { pthread_equal(pthread_self(), id) != 0 }
}
