import CLibWebSockets
import Dispatch
import Glibc
import Synchronization

/// What the server and the client share about their service thread: the
/// queue other threads hand work through, the wake-up (lws_cancel_service,
/// the one lws call safe from any thread), the stop request, and which
/// thread is the service thread.
///
/// `Sendable` without `@unchecked`: every field is a `Mutex`, an `Atomic`
/// or a semaphore.
final class ServiceThreadHandoff: Sendable {
    private let jobs = Mutex<[@Sendable () -> Void]>([])
    private let stop = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    /// The lws context's address while it may be woken (0 otherwise);
    /// cleared before it is destroyed so a late `post` never touches a freed
    /// context. An address, not a pointer, because pointers are not Sendable.
    private let context = Mutex<Int>(0)
    private let identity = Mutex(LoopThreadIdentity(id: pthread_self()))

    var threadIdentity: LoopThreadIdentity { identity.withLock { $0 } }
    var isOnServiceThread: Bool { threadIdentity.isCurrent }
    var stopRequested: Bool { stop.load(ordering: .acquiring) }

    /// Called first thing on the service thread.
    func enterServiceThread() {
        identity.withLock { $0 = LoopThreadIdentity(id: pthread_self()) }
    }

    /// From now `post` and `requestStop` wake this context.
    func serving(_ lwsContext: OpaquePointer?) {
        context.withLock { $0 = Int(bitPattern: lwsContext) }
    }

    /// Runs what was posted, then stops waking the context; call just before
    /// destroying it.
    func drainAndClose() {
        runJobs()
        context.withLock { $0 = 0 }
    }

    /// Wakes the loop only when the queue was empty: otherwise a wake is
    /// already on its way and `runJobs` will take this job with the rest.
    /// The journal releases a batch of acks as many posts at once, and a
    /// wake per post was a pipe write and a loop turn each.
    func post(_ job: @escaping @Sendable () -> Void) {
        let wasEmpty = jobs.withLock { queue in
            queue.append(job)
            return queue.count == 1
        }
        if wasEmpty { wake() }
    }

    func requestStop() {
        stop.store(true, ordering: .releasing)
        wake()
    }

    private func wake() {
        context.withLock { address in
            if let live = OpaquePointer(bitPattern: address) { lws_cancel_service(live) }
        }
    }

    /// Runs the posted jobs, on the service thread (from EVENT_WAIT_CANCELLED).
    func runJobs() {
        let pending = jobs.withLock { queue -> [@Sendable () -> Void] in
            defer { queue.removeAll(keepingCapacity: true) }
            return queue
        }
        for job in pending { job() }
    }

    func signalFinished() { finished.signal() }

    func waitUntilFinished() {
        finished.wait()
        finished.signal()
    }
}
