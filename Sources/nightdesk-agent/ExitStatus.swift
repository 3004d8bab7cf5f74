import Synchronization

/// The process's exit code, set on the service thread when the client
/// decides to stop and read by the main thread once the loop has ended.
final class ExitStatus: Sendable {
    private let code = Atomic<Int32>(0)

    func set(_ value: Int32) { code.store(value, ordering: .releasing) }

    var value: Int32 { code.load(ordering: .acquiring) }
}
