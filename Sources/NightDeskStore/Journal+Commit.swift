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
extension Journal {
    /// Writes a batch in order, with whatever arrives before its fsync.
    /// Returns what must be retried (empty when all is durable); barriers in
    /// a failed part are told `false` and dropped.
    func commit(_ first: [Item]) -> [Item] {
        var batch = first
        var buffer: [UInt8] = []
        /// Records written (or about to be) since the last fsync.
        var unsynced: [(session: String, finishes: Bool)] = []
        var unsyncedBytes = 0
        var waiting: [Item] = []
        var waitingForWrite: [@Sendable () -> Void] = []
        var firstUndurable = 0
        /// The batch's items up to here have been looked at; a failed
        /// write has already told their write-waiters.
        var scanned = -1

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
        func writeOut() -> Bool {
            defer { tellWriteWaiters() }
            guard !buffer.isEmpty else { return true }
            do {
                let at = segmentLength + unsyncedBytes
                reserve(through: at + buffer.count)
                try DurableFiles.writeAll(fd, buffer, at: at, path: directory)
                allocatedLength = max(allocatedLength, at + buffer.count)
            } catch {
                logger.error("journal: \(error)")
                cutUnsynced()
                return false
            }
            unsyncedBytes += buffer.count
            buffer = []
            return true
        }

        func sync() -> Bool {
            guard unsyncedBytes > 0 else { return true }
            let started = DispatchTime.now().uptimeNanoseconds
            lastSync = started
            guard fdatasync(fd) == 0 else {
                logger.error("journal: \(StoreError.posix("cannot sync journal in", directory, errno))")
                cutUnsynced()
                return false
            }
            statistics.committed(bytes: unsyncedBytes, fsyncSeconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
            segmentLength += unsyncedBytes
            unsyncedBytes = 0
            // Healthy before the caller releases this write's acks: a client
            // that hears its ack and at once opens a new chat must not be
            // refused by a relay that has not yet heard the disk is back.
            setHealthy(true)
            for entry in unsynced { track(entry.session, finishes: entry.finishes) }
            unsynced = []
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
                case .written(let completion): if position > scanned { completion() }
                case .record, .lead: retry.append(item)
                }
            }
            return retry
        }

        if segmentDamaged {
            abandonRoll()
            guard roll() else { return fail(from: 0) }
            segmentDamaged = false
        }

        var index = 0
        while true {
            while index < batch.count {
                scanned = index
                switch batch[index] {
                case .record(let bytes, let session, let finishes):
                    buffer += bytes
                    unsynced.append((session, finishes))
                case .barrier:
                    waiting.append(batch[index])
                case .written(let completion):
                    waitingForWrite.append(completion)
                case .lead(let lead, _):
                    // A lead names records that must be on disk first; leads
                    // come once a chat, so this fsync does not wait its turn.
                    guard writeOut(), sync() else { return fail(from: firstUndurable) }
                    release(&waiting)
                    firstUndurable = index
                    do { try leads.write(lead) } catch {
                        logger.error("journal: cannot write lead \(lead.id): \(error)")
                        return fail(from: index)
                    }
                    let bytes = RecordCodec.encode(.leadWritten(session: lead.session))
                    buffer += bytes
                    unsynced.append((lead.session, true))
                    waiting.append(batch[index])
                }
                index += 1
            }
            guard writeOut() else { return fail(from: firstUndurable) }
            let more = itemsBeforeSyncIsDue()
            if more.isEmpty { break }
            batch += more
        }
        guard sync() else { return fail(from: firstUndurable) }
        release(&waiting)
        rollIfDue()
        advanceRoll()
        return []
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
}
