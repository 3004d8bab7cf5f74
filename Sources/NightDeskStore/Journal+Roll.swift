import CWriteback
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
    /// The live sessions' records as they stood when the roll began, still
    /// to read back and copy.
    var reader: SegmentReader
    /// Where the old segment ended when the roll began: what is appended
    /// after it is copied whole once the checkpoint is in.
    var oldLength: Int
    var length = 0

    static let suffix = ".partial"
    /// Bytes read back per commit: the next batch waits this long at most.
    static let sliceBytes = 256 * 1024

    mutating func write(_ bytes: [UInt8], in directory: String) throws(StoreError) {
        if !bytes.isEmpty { try DurableFiles.writeAll(fd, bytes, at: length, path: directory) }
        length += bytes.count
    }

    /// Reads the next slice back and copies it into the new segment, and
    /// starts writing it back to the disk: the fsync that finishes the roll
    /// (and holds up the writer thread) then has little left to do.
    mutating func copySlice(in directory: String) throws(StoreError) {
        let from = length
        try write(reader.next(Self.sliceBytes), in: directory)
        // Only a head start: a failure here shows at the finishing fsync.
        _ = nightdesk_start_writeback(fd, Int64(from), Int64(length - from))
    }
}

extension Journal {
    func partialPath(_ number: Int) -> String {
        directory + "/" + JournalScanner.segmentName(number) + JournalRoll.suffix
    }

    /// Starts a roll when the segment has grown past the limit *and* past
    /// twice its checkpoint: when the live sessions alone outgrow the limit,
    /// rolling after every batch would copy them all each time.
    func rollIfDue() {
        guard rolling == nil, segmentLength > maxSegmentBytes, segmentLength > 2 * checkpointLength,
              segmentLength > rollRetryLength else { return }
        rolling = startRoll()
    }

    /// Opens the new segment's partial file and a reader over the durable
    /// part of every segment, keeping the sessions live now. Older segments
    /// than the current one are read too (a crash can leave them); they
    /// hold records of live sessions the current one may not.
    func startRoll() -> JournalRoll? {
        let number = segment + 1
        // Written at explicit offsets, like every segment: once it is the
        // segment written to, records go inside the space reserved past
        // its end.
        let opened = open(partialPath(number), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard opened >= 0 else {
            logger.error("journal: cannot start a new segment: \(String(cString: strerror(errno))); carrying on with the old one")
            return nil
        }
        var ranges = olderSegments.map { SegmentReader.Range(path: segmentPath($0.number), end: $0.validLength) }
        ranges.append(SegmentReader.Range(path: segmentPath(segment), end: segmentLength))
        if live.isEmpty { ranges = [] }
        return JournalRoll(fd: opened, number: number, reader: SegmentReader(ranges, keeping: live, logger: logger), oldLength: segmentLength)
    }

    func segmentPath(_ number: Int) -> String {
        JournalScanner.segmentPath(number, in: directory)
    }


    /// Copies the next slice; once all is copied, finishes the roll when
    /// everything written so far is durable (the finish copies only that).
    func advanceRoll() {
        guard var roll = rolling else { return }
        do {
            if !roll.reader.finished { try roll.copySlice(in: directory) }
            rolling = roll
            if roll.reader.finished && unsyncedBytes == 0 { try finish(roll) }
        } catch {
            logger.error("journal: could not build a new segment, carrying on with the old one: \(error)")
            // The copy is the one whose reader holds the open file.
            rolling = roll
            abandonRoll()
            // A disk that refused now (full, failing) is not retried at once:
            // each try reads the live sessions back from the start.
            rollRetryLength = segmentLength + maxSegmentBytes
        }
    }

    /// Appends what the old segment took since the roll began, makes the
    /// new segment durable and the one written to, and has the old ones
    /// deleted (`removeSegmentsBeforeCurrent`).
    func finish(_ started: JournalRoll) throws(StoreError) {
        var roll = started
        let checkpointLength = roll.length
        var since = SegmentReader([SegmentReader.Range(path: segmentPath(segment), from: roll.oldLength, end: segmentLength)], keeping: nil, logger: logger)
        defer { since.close() }
        while !since.finished { try roll.write(since.next(1 << 20), in: directory) }
        guard fdatasync(roll.fd) == 0 else { throw .posix("cannot sync journal in", directory, errno) }
        let final = segmentPath(roll.number)
        guard rename(partialPath(roll.number), final) == 0 else { throw .posix("cannot rename new journal segment", final, errno) }
        try DurableFiles.syncDirectory(directory)
        close(fd)
        fd = roll.fd
        segment = roll.number
        segmentLength = roll.length
        allocatedLength = roll.length
        self.checkpointLength = checkpointLength
        olderSegments = []
        rollRetryLength = 0
        rolling = nil
        removeSegmentsBeforeCurrent()
    }

    /// Drops a roll under way (a failed write, or a synchronous roll).
    func abandonRoll() {
        guard var roll = rolling else { return }
        roll.reader.close()
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
