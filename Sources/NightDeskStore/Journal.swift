import Foundation
import Glibc
import Logging
import NightDeskCore

/// The durable journal of live sessions. A writer thread of its own writes
/// and group-commits: it writes whatever has queued up, has it fsynced
/// once (on the syncer's thread), then reports the whole batch durable;
/// segments a roll replaced are deleted on a queue beside it. Nothing here
/// blocks the caller.
///
/// `@unchecked Sendable` is safe because `pending`, `stopping` and `started`
/// are read and written only while holding `condition`, and every other
/// mutable field (the open segment, the live sessions, health, the syncer)
/// is touched only by the writer thread after `start` hands it over
/// (`syncFile` is set, and `syncer` made, before that).
public final class Journal: @unchecked Sendable {
    enum Item {
        case record([UInt8], session: String, finishesSession: Bool)
        case barrier(@Sendable (Bool) -> Void)
        case written(@Sendable () -> Void)
        case lead(LeadRecord, @Sendable () -> Void)
    }

    public let directory: String
    public let leads: LeadFiles
    /// Bytes written and fsync times, for the metrics page.
    public let statistics = JournalStatistics()
    let logger: Logger
    let maxSegmentBytes: Int
    let condition = NSCondition()
    var pending: [Item] = []
    var stopping = false
    private var started = false
    private let done = DispatchSemaphore(value: 0)
    /// Deletes replaced segments (`removeSegmentsBeforeCurrent`); drained
    /// before the writer thread ends.
    let removals = DispatchQueue(label: "nightdesk-journal-removals", qos: .utility)

    // Writer thread only.
    var fd: Int32 = -1
    var segment = 1
    var segmentLength = 0
    /// Bytes written past `segmentLength` that no fsync has covered yet.
    var unsyncedBytes = 0
    /// The segment file's size: its records and the space reserved after
    /// them (Journal+Reserve.swift).
    var allocatedLength = 0
    /// Sessions with records and no lead yet: what a roll copies. Their
    /// records are read back from disk then, not kept here.
    var live: Set<String> = []
    /// Segments a crash left before the one written to, with their
    /// durable lengths: the next roll reads them too, then deletes them.
    var olderSegments: [(number: Int, validLength: Int)] = []
    /// Bytes the newest segment began with: the live sessions' checkpoint.
    var checkpointLength = 0
    private var healthy = true
    /// A failed write could not be cut off: the next commit starts a new segment.
    var segmentDamaged = false
    /// When the last fsync began (uptime ns), and the least time between two.
    var lastSync: UInt64 = 0
    /// A new segment being built in slices (Journal+Roll.swift).
    var rolling: JournalRoll?
    /// After a roll failed, the length the segment must pass before the next.
    var rollRetryLength = 0
    let copiesWhileIdle: Bool
    /// The fsync (tests put a slow or failing one in before `start`).
    var syncFile: @Sendable (Int32) -> Int32 = { fdatasync($0) }
    /// Runs `syncFile` beside the writer thread (JournalSyncer.swift); it
    /// wakes the writer through `condition` once the fsync has ended. The
    /// lock is taken only to wait out a writer between its look at the
    /// outcome and its wait (see `enqueue`).
    lazy var syncer = JournalSyncer(syncFile: syncFile) { [condition] in
        condition.lock()
        condition.unlock()
        condition.signal()
    }
    let minSyncInterval: UInt64
    private var healthChanged: (@Sendable (Bool) -> Void)?

    /// `copiesWhileIdle: false` (for tests) moves a roll on only after
    /// commits, so records surely arrive while it is under way.
    public init(dataDirectory: String, logger: Logger, maxSegmentBytes: Int = 16 << 20, minSyncMilliseconds: Double = 2,
                copiesWhileIdle: Bool = true) {
        directory = dataDirectory + "/journal"
        leads = LeadFiles(dataDirectory: dataDirectory)
        self.logger = logger
        self.maxSegmentBytes = maxSegmentBytes
        minSyncInterval = UInt64(max(0, minSyncMilliseconds) * 1e6)
        self.copiesWhileIdle = copiesWhileIdle
    }

    /// Reads what a previous run left. Call before `start`.
    public func recover() throws(StoreError) -> JournalRecovery {
        try DurableFiles.makeDirectory(directory)
        Self.removePartialSegments(in: directory)
        return try JournalScanner.recover(directory: directory)
    }

    /// Opens the segment to append to (cutting off a torn tail) and starts
    /// the writer thread. `healthChanged` runs on the writer thread.
    public func start(after recovery: JournalRecovery, healthChanged: @escaping @Sendable (Bool) -> Void) throws(StoreError) {
        try DurableFiles.makeDirectory(leads.directory)
        if let last = recovery.segments.last {
            segment = last.number
            try openSegment(truncateTo: last.validLength)
        } else {
            segment = 1
            try openSegment(truncateTo: 0)
        }
        olderSegments = Array(recovery.segments.dropLast())
        live = recovery.liveSessions
        self.healthChanged = healthChanged
        condition.lock()
        started = true
        condition.unlock()
        syncer.start()
        let thread = Thread { [self] in run() }
        thread.name = "nightdesk-journal"
        thread.start()
    }

    private func openSegment(truncateTo length: Int) throws(StoreError) {
        let path = segmentPath(segment)
        // No O_APPEND: records go at `segmentLength`, inside space reserved
        // past it, where appending would land after that space.
        let opened = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard opened >= 0 else { throw .posix("cannot open journal", path, errno) }
        guard ftruncate(opened, off_t(length)) == 0 else {
            close(opened)
            throw .posix("cannot truncate journal", path, errno)
        }
        fd = opened
        segmentLength = length
        allocatedLength = length
        try DurableFiles.syncDirectory(directory)
    }

    // MARK: Producer side (any thread)

    public func append(_ record: JournalRecord) {
        enqueue(.record(record))
    }

    /// Hands over a batch's items in their order, at once.
    public func submit(_ batch: JournalBatch) {
        guard !batch.isEmpty else { return }
        condition.lock()
        pending += batch.items
        condition.unlock()
        condition.signal()  // After unlocking: see `enqueue`.
    }

    /// `completion(true)` once everything appended before it is on disk;
    /// `completion(false)` if the disk refused it (it will be retried, but
    /// this caller is told now).
    public func afterDurable(_ completion: @escaping @Sendable (Bool) -> Void) {
        enqueue(.barrier(completion))
    }

    /// `completion()` once everything appended before it is written to the
    /// journal file, before the fsync: from then on it outlives this
    /// process (not yet a power cut). Also called if the write failed, once
    /// the failure is known, so the caller never waits on a broken disk.
    public func afterWritten(_ completion: @escaping @Sendable () -> Void) {
        enqueue(.written(completion))
    }

    /// Writes the lead's files durably after everything appended before it,
    /// records that in the journal, then calls `completion`. Retried until
    /// the disk takes it.
    public func writeLead(_ lead: LeadRecord, completion: @escaping @Sendable () -> Void) {
        enqueue(.lead(lead, completion))
    }

    private func enqueue(_ item: Item) {
        condition.lock()
        pending.append(item)
        condition.unlock()
        // Signalled under the lock, the writer often woke only to find the
        // lock still held, a futex call more on each side (`strace -c`, 5 s
        // of a 1k-chat relay, two runs each: futex calls 9.7–12.1k → 8.5–9.9k,
        // of them woken to a held lock 1,218–1,828 → 215–234). No wake-up
        // is lost: the writer looks at `pending` and waits under the lock,
        // so an item added after its look finds it waiting.
        condition.signal()
    }

    /// Writes what is queued, then stops the writer thread and closes the file.
    public func stop() {
        condition.lock()
        stopping = true
        let wasStarted = started
        condition.unlock()
        condition.signal()  // After unlocking: see `enqueue`.
        if wasStarted { done.wait() }
    }

    // MARK: Writer thread

    private func run() {
        // SCHED_BATCH: a record queued by the loop does not preempt the loop
        // mid-round (on one core each wake-up was two context switches per
        // message); the writer runs when the loop waits for I/O, still
        // with its fair share of the CPU when the loop is busy.
        // (3 is Linux's SCHED_BATCH, which Glibc's Swift module leaves out.)
        var batch = sched_param()
        _ = sched_setscheduler(0, 3, &batch)
        while true {
            condition.lock()
            while pending.isEmpty && !stopping {
                // Idle: a roll under way goes on copying meanwhile.
                if rolling != nil, copiesWhileIdle {
                    condition.unlock()
                    advanceRoll()
                    condition.lock()
                    continue
                }
                condition.wait()
            }
            if pending.isEmpty {
                condition.unlock()
                break
            }
            let batch = pending
            pending = []
            let isStopping = stopping
            condition.unlock()

            let unwritten = commit(batch)
            if unwritten.isEmpty {
                setHealthy(true)
                continue
            }
            setHealthy(false)
            condition.lock()
            pending = unwritten + pending
            if isStopping {
                logger.critical("journal: stopping with \(pending.count) items not written; they were not acknowledged")
                pending = []
                condition.unlock()
                break
            }
            // New items must not cut the back-off short: each retry rewrites
            // leads and logs, and the disk needs the time to recover.
            let retryAt = Date().addingTimeInterval(1)
            while !stopping, Date() < retryAt { _ = condition.wait(until: retryAt) }
            condition.unlock()
        }
        abandonRoll()
        // A clean stop leaves no reserved space behind: recovery reports
        // reserved zeros as what a crash left.
        _ = ftruncate(fd, off_t(segmentLength))
        fsync(fd)
        close(fd)
        removals.sync {}
        syncer.stop()
        done.signal()
    }

    func setHealthy(_ value: Bool) {
        guard value != healthy else { return }
        healthy = value
        if value {
            logger.notice("journal: writes succeed again; acknowledging and accepting new chats")
        } else {
            logger.critical("journal: cannot write to \(directory); acks and new chats stop until it can (free disk space, check the device)")
        }
        healthChanged?(value)
    }

    func release(_ waiting: inout [Item]) {
        for item in waiting {
            switch item {
            case .barrier(let completion): completion(true)
            case .lead(_, let completion): completion()
            case .record, .written: break
            }
        }
        waiting = []
    }

    func track(_ session: String, finishes: Bool) {
        if finishes {
            live.remove(session)
        } else {
            live.insert(session)
        }
    }

    /// Starts a new segment holding only the live sessions' records, then
    /// deletes the old ones, in one go (after a failed write: waiting for
    /// the deletion gives a full disk its space back before the retry).
    /// False when the new segment could not be made (the old one stays).
    func roll() -> Bool {
        guard var roll = startRoll() else { return false }
        do {
            while !roll.reader.finished { try roll.copySlice(in: directory) }
            try finish(roll)
            removals.sync {}
            return true
        } catch {
            logger.error("journal: could not start a new segment, carrying on with the old one: \(error)")
            rolling = roll
            abandonRoll()
            return false
        }
    }

    /// Deletes the segments the current one has replaced, off the writer
    /// thread: unlinking a segment of 17-34 MB and syncing the directory
    /// held up delivery and acks for 15-37 ms at each roll of a 5k-chat
    /// relay. One a crash leaves behind (in those milliseconds, or between
    /// the rename and the unlink as before) is read again at start-up,
    /// which restores nothing twice (a restored message must follow the one
    /// before); the next roll copies its live records a second time, and
    /// those copies last until their sessions end.
    func removeSegmentsBeforeCurrent() {
        let directory = directory, current = segment
        removals.async {
            for number in JournalScanner.segmentNumbers(in: directory) where number < current {
                unlink(JournalScanner.segmentPath(number, in: directory))
            }
            try? DurableFiles.syncDirectory(directory)
        }
    }
}
