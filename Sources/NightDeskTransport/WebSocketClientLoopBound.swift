/// A reference that may travel between threads but is only ever used on a
/// `WebSocketClient`'s service thread: other threads (the keyboard reader,
/// signal handlers) hand work to an object that lives on the loop.
///
/// `@unchecked Sendable` is safe because `value` is private and the only
/// way to reach it, `get()`, traps unless called on the loop's own thread,
/// so no two threads ever touch the object.
public struct WebSocketClientLoopBound<Value: AnyObject>: @unchecked Sendable {
    private let value: Value
    private let thread: LoopThreadIdentity

    public init(_ value: Value, on client: WebSocketClient) {
        precondition(client.isOnServiceThread, "WebSocketClientLoopBound must be made on the service thread")
        self.value = value
        self.thread = client.threadIdentity
    }

    public func get() -> Value {
        precondition(thread.isCurrent, "a loop-bound object was touched off the service thread")
        return value
    }
}
