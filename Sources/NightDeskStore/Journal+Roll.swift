import Foundation
import Glibc

/// A new segment built a slice at a time, so the journal stays the size of
/// what is live without a stall.
///
/// Rolling in one go wrote every live session's records and fsynced them
/// before the next batch: with thousands of long chats open that is tens of
/// megabytes, and delivery and acks stopped for up to seconds (relay p99
/// 4 s at 5k chats). Now the copy goes to `NNNNNNNN.journal.partial` in
/// slices between commits while new records keep going to the old segment;
/// once the copy and everything appended since are in it and fsynced, it is
/// renamed into place and becomes the segment written to. Recovery never
/// reads a `.partial` file, and start-up deletes one a crash left.
struct JournalRoll {
    var fd: Int32
    var number: Int
    /// Records of the sessions live when the roll began, still to copy.
    var snapshot: [[UInt8]]
    var nextRecord = 0
    /// Records made durable in the old segment since the roll began.
    var since: [[UInt8]] = []
    var length = 0
    var checkpointLength = 0

    static let suffix = ".partial"
    /// Bytes copied per commit: the next batch waits this long at most.
    static let sliceBytes = 256 * 1024
}

extension Journal {
    func partialPath(_ number: Int) -> String {
        directory + "/" + JournalScanner.segmentName(number) + JournalRoll.suffix
    }

    /// Starts a roll when the segment has grown past the limit *and* past
    /// twice its checkpoint: when the live sessions alone outgrow the limit,
    /// rolling after every batch would copy them all each time.
    func rollIfDue() {
        guard rolling == nil, segmentLength > maxSegmentBytes, segmentLength > 2 * checkpointLength else { return }
        let number = segment + 1
        let opened = open(partialPath(number), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard opened >= 0 else {
            logger.error("journal: cannot start a new segment: \(String(cString: strerror(errno))); carrying on with the old one")
            return
        }
        rolling = JournalRoll(fd: opened, number: number, snapshot: liveRecords())
    }

    /// Notes records just made durable in the old segment, for the copy.
    /// Called after every fsync: costs nothing unless a roll is under way.
    func rollSaw(_ records: [(session: String, bytes: [UInt8], finishes: Bool)]) {
        guard rolling != nil else { return }
        for record in records { rolling?.since.append(record.bytes) }
    }

    /// Copies the next slice; once all is copied, finishes the roll. Call
    /// after a commit, when everything written so far is durable.
    func advanceRoll() {
        guard var roll = rolling else { return }
        var slice: [UInt8] = []
        while roll.nextRecord < roll.snapshot.count, slice.count < JournalRoll.sliceBytes {
            slice += roll.snapshot[roll.nextRecord]
            roll.nextRecord += 1
        }
        let copied = roll.nextRecord == roll.snapshot.count
        if copied {
            roll.checkpointLength = roll.length + slice.count
            for record in roll.since { slice += record }
        }
        do {
            if !slice.isEmpty { try DurableFiles.writeAll(roll.fd, slice, path: directory) }
            roll.length += slice.count
            if copied { try finish(roll) } else { rolling = roll }
        } catch {
            logger.error("journal: could not build a new segment, carrying on with the old one: \(error)")
            abandonRoll()
        }
    }

    private func finish(_ roll: JournalRoll) throws(StoreError) {
        guard fdatasync(roll.fd) == 0 else { throw .posix("cannot sync journal in", directory, errno) }
        let final = directory + "/" + JournalScanner.segmentName(roll.number)
        guard rename(partialPath(roll.number), final) == 0 else { throw .posix("cannot rename new journal segment", final, errno) }
        try DurableFiles.syncDirectory(directory)
        close(fd)
        fd = roll.fd
        segment = roll.number
        segmentLength = roll.length
        checkpointLength = roll.checkpointLength
        rolling = nil
        removeSegmentsBeforeCurrent()
    }

    /// Drops a roll under way (a failed write, or a synchronous roll).
    func abandonRoll() {
        guard let roll = rolling else { return }
        close(roll.fd)
        unlink(partialPath(roll.number))
        rolling = nil
    }

    /// Deletes the copies a crash left half made.
    static func removePartialSegments(in directory: String) {
        for name in DurableFiles.list(directory) where name.hasSuffix(".journal" + JournalRoll.suffix) {
            unlink(directory + "/" + name)
        }
    }
}
