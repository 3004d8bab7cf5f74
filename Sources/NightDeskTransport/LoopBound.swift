import Foundation

/// A reference that may travel between threads but is only ever used on the
/// service thread: handing work back to the loop (`WebSocketServer.post`)
/// needs to name loop-owned objects from a writer thread.
///
/// `@unchecked Sendable` is safe because `value` is private and the only
/// way to reach it, `get()`, traps unless called on the loop's own thread,
/// so no two threads ever touch the object.
public struct LoopBound<Value: AnyObject>: @unchecked Sendable {
    private let value: Value
    private let thread: LoopThreadIdentity

    public init(_ value: Value, on server: WebSocketServer) {
        precondition(server.isOnServiceThread, "LoopBound must be made on the service thread")
        self.value = value
        self.thread = server.threadIdentity
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
