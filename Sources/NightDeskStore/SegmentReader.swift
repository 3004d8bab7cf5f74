import Glibc
import Logging

/// Reads journal segments back a slice at a time, checking each record and
/// keeping those of the given sessions. A roll copies the live sessions
/// this way instead of the journal holding their records in memory: a long
/// chat's every message was kept twice, once in its transcript and once
/// here, and that copy was half of the server's growth per message.
struct SegmentReader {
    /// A byte range of one segment file, all of it durable when given.
    struct Range {
        var path: String
        var from = 0
        var end: Int
    }

    private var ranges: [Range]
    /// nil keeps every record.
    private let keep: Set<String>?
    private var fd: Int32 = -1
    private var offset = 0
    /// Told what was left out: the operator must hear of damage on disk.
    private let logger: Logger

    init(_ ranges: [Range], keeping keep: Set<String>?, logger: Logger) {
        self.ranges = ranges.filter { $0.end > $0.from }
        self.keep = keep
        self.logger = logger
        offset = self.ranges.first?.from ?? 0
    }

    var finished: Bool { ranges.isEmpty }

    /// The kept records of the next `bytes` or more of the ranges (to the
    /// end of a record), in order. Only records whose checksum holds are
    /// returned: a damaged one is left out (and logged) and reading
    /// goes on after it; where its length cannot be trusted, the rest of
    /// that segment is left out, as recovery would cut it there. Throws
    /// only when a file cannot be opened or read.
    mutating func next(_ bytes: Int) throws(StoreError) -> [UInt8] {
        var kept: [UInt8] = []
        var scanned = 0
        while scanned < bytes, let range = ranges.first {
            if fd < 0 {
                fd = open(range.path, O_RDONLY | O_CLOEXEC)
                guard fd >= 0 else { throw .posix("cannot open journal", range.path, errno) }
            }
            var chunk = try read(min(max(bytes - scanned, 1 << 16), range.end - offset), range)
            var at = 0
            var unreadable = false
            scan: while at < chunk.count {
                switch RecordCodec.frame(chunk, at: at) {
                case .record(_, let length):
                    if let keep {
                        if let session = RecordCodec.session(ofRecordIn: chunk, at: at, length: length) {
                            if keep.contains(session) { kept += chunk[at..<(at + length)] }
                        } else {
                            note(range, at, "an unreadable record")
                        }
                    } else {
                        kept += chunk[at..<(at + length)]
                    }
                    at += length
                case .torn(let needs):
                    if at > 0 { break scan }
                    // A record longer than the chunk: read it whole.
                    guard let needs, offset + needs <= range.end else {
                        note(range, at, "a record running past the durable end")
                        unreadable = true
                        break scan
                    }
                    chunk = try read(needs, range)
                case .corrupt(let why, let length):
                    note(range, at, why)
                    guard let length else {
                        unreadable = true
                        break scan
                    }
                    at += length
                }
            }
            offset += at
            scanned += at
            if unreadable || offset >= range.end { nextRange() }
        }
        return kept
    }

    /// Closes the file being read; call when giving up before the end.
    mutating func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    private mutating func nextRange() {
        close()
        ranges.removeFirst()
        offset = ranges.first?.from ?? 0
    }

    private func read(_ count: Int, _ range: Range) throws(StoreError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress.map { $0 + filled }, count - filled, off_t(offset + filled)) }
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw .posix("cannot read journal", range.path, errno) }
            guard n > 0 else { throw StoreError("journal \(range.path) ends at byte \(offset + filled), before its durable end \(range.end)") }
            filled += n
        }
        return bytes
    }

    private func note(_ range: Range, _ at: Int, _ why: String) {
        logger.error("journal: \(range.path): \(why) at byte \(offset + at), left out of the new segment")
    }
}
