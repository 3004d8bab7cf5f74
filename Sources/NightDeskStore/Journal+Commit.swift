import Foundation
import Glibc

/// The writer thread's group commit.
///
/// Records are written as they come, and their write-waiters (delivery)
/// told at once; the fsync that releases acks runs at most once every
/// `minSyncInterval`, and what arrives while it waits for its turn joins
/// the batch. An fdatasync costs about 130 µs of CPU on this machine's
/// disk: run back to back they took a quarter of a core at 2k msg/s, while
/// the floor between them costs an ack at most that interval.
///
/// The fsync itself runs on the syncer's thread (JournalSyncer.swift);
/// what arrives meanwhile is written at once, up to the next lead, and
/// made durable by the fsync after.
extension Journal {
    /// Writes a batch in order, with whatever arrives before its fsyncs.
    /// Returns what must be retried (empty when all is durable); barriers in
    /// a failed part are told `false` and dropped.
    func commit(_ first: [Item]) -> [Item] {
        var batch = first
        /// Items before it have been looked at: written or buffered.
        var next = 0
        var buffer: [UInt8] = []
        /// Records written (or buffered) since the last fsync, in order.
        var unsynced: [(session: String, finishes: Bool)] = []
        /// Barriers and written leads, released once what precedes them is durable.
        var waiting: [Item] = []
        var waitingForWrite: [@Sendable () -> Void] = []
        /// Items before it are durable, or need nothing from the disk.
        var firstUndurable = 0

        func tellWriteWaiters() {
            for told in waitingForWrite { told() }
            waitingForWrite = []
        }

        /// Cuts off everything written since the last fsync: a failed write
        /// or fsync leaves no partial record for the next one to follow.
        func cutUnsynced() {
            if ftruncate(fd, off_t(segmentLength)) != 0 {
                logger.error("journal: cannot cut the failed write off \(JournalScanner.segmentName(segment)); the next write starts a new segment")
                segmentDamaged = true
            }
            allocatedLength = segmentLength
            buffer = []
            unsynced = []
            unsyncedBytes = 0
        }

        /// Writes what is buffered. Write-waiters are told either way: what
        /// waits on the write is delivery, which goes on when the disk refuses.
        /// A failed write is cut off here unless an fsync is under way
        /// (`cutsOnFailure: false`); then its caller cuts once it has ended.
        func writeOut(cutsOnFailure: Bool = true) -> Bool {
            defer { tellWriteWaiters() }
            guard !buffer.isEmpty else { return true }
            do {
                let at = segmentLength + unsyncedBytes
                reserve(through: at + buffer.count)
                try DurableFiles.writeAll(fd, buffer, at: at, path: directory)
                allocatedLength = max(allocatedLength, at + buffer.count)
            } catch {
                logger.error("journal: \(error)")
                if cutsOnFailure { cutUnsynced() }
                return false
            }
            unsyncedBytes += buffer.count
            buffer = []
            return true
        }

        // Every barrier from the failed point on is told now and dropped
        // (the waiting ones are among them); records and leads stay queued
        // for the retry.
        func fail(from index: Int) -> [Item] {
            // Unhealthy before any barrier hears `false`: a client told
            // `unavailable` must find new chats refused, not yet accepted.
            setHealthy(false)
            tellWriteWaiters()
            var retry: [Item] = []
            for (position, item) in batch.enumerated() where position >= index {
                switch item {
                case .barrier(let completion): completion(false)
                case .written(let completion): if position >= next { completion() }
                case .record, .lead: retry.append(item)
                }
            }
            return retry
        }

        /// Looks at the items from `next` on: records are buffered, leads
        /// written once what precedes them is durable. With
        /// `stopsAtLead` (while an fsync is under way) it stops before a
        /// lead. Returns nil, or when a lead's fsync or files failed, what
        /// `fail` left to retry.
        func look(stopsAtLead: Bool) -> [Item]? {
            while next < batch.count {
                switch batch[next] {
                case .record(let bytes, let session, let finishes):
                    buffer += bytes
                    unsynced.append((session, finishes))
                case .barrier:
                    waiting.append(batch[next])
                case .written(let completion):
                    waitingForWrite.append(completion)
                case .lead(let lead, _):
                    if stopsAtLead { return nil }
                    // A lead names records that must be on disk first; leads
                    // come once a chat, so this fsync does not wait its turn.
                    guard writeOut(), sync(absorbing: false) else { return fail(from: firstUndurable) }
                    do { try leads.write(lead) } catch {
                        logger.error("journal: cannot write lead \(lead.id): \(error)")
                        return fail(from: next)
                    }
                    buffer += RecordCodec.encode(.leadWritten(session: lead.session))
                    unsynced.append((lead.session, true))
                    waiting.append(batch[next])
                }
                next += 1
            }
            return nil
        }

        /// Makes everything written durable. With `absorbing`, what arrives
        /// while the disk flushes is looked at and written meanwhile (up to
        /// a lead); it waits for the next fsync. On success the barriers
        /// and leads before the fsync are released. False when the fsync,
        /// or a write meanwhile, failed: what is not durable is cut off.
        func sync(absorbing: Bool) -> Bool {
            guard unsyncedBytes > 0 else {
                release(&waiting)
                firstUndurable = next
                return true
            }
            let covered = (bytes: unsyncedBytes, sessions: unsynced.count, waiting: waiting.count, items: next)
            lastSync = DispatchTime.now().uptimeNanoseconds
            syncer.begin(fd)
            var writeFailed = false
            var outcome: JournalSyncer.Outcome?
            while outcome == nil {
                let more = itemsOrSyncEnd(taking: absorbing && !writeFailed)
                outcome = syncer.take()
                guard !more.isEmpty else { continue }
                batch += more
                _ = look(stopsAtLead: true)
                if !writeOut(cutsOnFailure: false) { writeFailed = true }
            }
            guard let outcome, outcome.error == 0 else {
                logger.error("journal: \(StoreError.posix("cannot sync journal in", directory, outcome?.error ?? EIO))")
                cutUnsynced()
                return false
            }
            statistics.committed(bytes: covered.bytes, fsyncSeconds: outcome.seconds)
            segmentLength += covered.bytes
            unsyncedBytes -= covered.bytes
            // Healthy before the caller releases this write's acks: a client
            // that hears its ack and at once opens a new chat must not be
            // refused by a relay that has not yet heard the disk is back.
            setHealthy(true)
            for entry in unsynced.prefix(covered.sessions) { track(entry.session, finishes: entry.finishes) }
            unsynced.removeFirst(covered.sessions)
            var released = Array(waiting.prefix(covered.waiting))
            waiting.removeFirst(covered.waiting)
            release(&released)
            firstUndurable = covered.items
            if writeFailed {
                cutUnsynced()
                return false
            }
            return true
        }

        if segmentDamaged {
            abandonRoll()
            guard roll() else { return fail(from: 0) }
            segmentDamaged = false
        }

        while true {
            if let retry = look(stopsAtLead: false) { return retry }
            guard writeOut() else { return fail(from: firstUndurable) }
            let more = itemsBeforeSyncIsDue()
            if !more.isEmpty {
                batch += more
                continue
            }
            guard sync(absorbing: true) else { return fail(from: firstUndurable) }
            // A roll's last step swaps segments: only with nothing written
            // past the durable end, which the fsync just released.
            if rolling?.reader.finished == true, unsyncedBytes > 0 {
                guard writeOut(), sync(absorbing: false) else { return fail(from: firstUndurable) }
            }
            rollIfDue()
            advanceRoll()
            if next == batch.count && unsyncedBytes == 0 && waiting.isEmpty && buffer.isEmpty { return [] }
        }
    }

    /// Waits for the fsync's turn; returns early with what was queued
    /// meanwhile (to be written at once), or empty once the turn has come
    /// or the journal is stopping.
    private func itemsBeforeSyncIsDue() -> [Item] {
        let due = lastSync &+ minSyncInterval
        condition.lock()
        defer { condition.unlock() }
        while !stopping {
            let now = DispatchTime.now().uptimeNanoseconds
            if now >= due { return [] }
            if !pending.isEmpty {
                let taken = pending
                pending = []
                return taken
            }
            _ = condition.wait(until: Date().addingTimeInterval(Double(due - now) / 1e9))
        }
        return []
    }

    /// Waits while the syncer works; with `taking`, returns early with
    /// what was queued meanwhile. Empty once the fsync has ended.
    private func itemsOrSyncEnd(taking: Bool) -> [Item] {
        condition.lock()
        defer { condition.unlock() }
        while (!taking || pending.isEmpty) && !syncer.hasOutcome { condition.wait() }
        guard taking else { return [] }
        let taken = pending
        pending = []
        return taken
    }
}
