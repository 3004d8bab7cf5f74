import Foundation
import Glibc

/// Runs the journal's fdatasync on a thread of its own, so the writer
/// thread goes on writing what arrives while the disk flushes.
///
/// Delivery waits for a message's write, not its fsync. With the fsync on
/// the writer thread, a message that arrived during another batch's fsync
/// was not even written until that fsync ended: on this machine's disk a
/// busy second's fsyncs run 3–20 ms and now and then 50, and relay p99 at
/// 10k msg/s swung between 15 and 180 ms with them (on tmpfs: 10 ms).
/// Alternating builds at 1k chats, 2k msg/s: relay p99 7.5–11.2 → 4.3–5.6
/// ms, CPU the same within noise. At 10k msg/s it costs 5–8% of a core
/// more: the writer now wakes for every loop turn during an fsync, where
/// it used to take them all at once after.
///
/// It keeps the normal scheduling policy, unlike the writer: it uses next
/// to no CPU, and every ack waits on its wake-up.
///
/// `@unchecked Sendable` is safe because `request`, `outcome` and
/// `stopping` are read and written only while holding `work`.
final class JournalSyncer: @unchecked Sendable {
    /// How one fdatasync went: `error` is 0 or the errno.
    struct Outcome {
        var error: Int32
        var seconds: Double
    }

    private let work = NSCondition()
    private var request: Int32?
    private var outcome: Outcome?
    private var stopping = false
    private let syncFile: @Sendable (Int32) -> Int32
    /// Called on this thread once an outcome is ready: wakes the writer.
    private let finished: @Sendable () -> Void
    private let done = DispatchSemaphore(value: 0)

    init(syncFile: @escaping @Sendable (Int32) -> Int32, finished: @escaping @Sendable () -> Void) {
        self.syncFile = syncFile
        self.finished = finished
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "nightdesk-fsync"
        thread.start()
    }

    /// Starts an fdatasync of `fd`. The caller must not close `fd` or start
    /// another before `take` returns the outcome.
    func begin(_ fd: Int32) {
        work.lock()
        request = fd
        work.unlock()
        // After unlocking, as in `Journal.enqueue`: the syncer looks at
        // `request` and waits under the lock, so this wake-up cannot be lost.
        work.signal()
    }

    /// Whether the fdatasync `begin` started has ended.
    var hasOutcome: Bool {
        work.lock()
        defer { work.unlock() }
        return outcome != nil
    }

    /// The outcome of the fdatasync `begin` started, once it is known.
    func take() -> Outcome? {
        work.lock()
        defer { work.unlock() }
        let taken = outcome
        outcome = nil
        return taken
    }

    func stop() {
        work.lock()
        stopping = true
        work.unlock()
        work.signal()  // After unlocking: see `begin`.
        done.wait()
    }

    private func run() {
        while true {
            work.lock()
            while request == nil && !stopping { work.wait() }
            guard let fd = request else {
                work.unlock()
                break
            }
            request = nil
            work.unlock()
            let started = DispatchTime.now().uptimeNanoseconds
            let error = syncFile(fd) == 0 ? 0 : errno
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            work.lock()
            outcome = Outcome(error: error, seconds: seconds)
            work.unlock()
            finished()
        }
        done.signal()
    }
}
