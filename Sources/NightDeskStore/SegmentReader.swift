import Glibc

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

    init(_ ranges: [Range], keeping keep: Set<String>?) {
        self.ranges = ranges.filter { $0.end > $0.from }
        self.keep = keep
        offset = self.ranges.first?.from ?? 0
    }

    var finished: Bool { ranges.isEmpty }

    /// The kept records of the next `bytes` or more of the ranges (to the
    /// end of a record), in order. Throws on a read error, or on a record
    /// that does not check out: a roll must not carry damage forward.
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
            scan: while at < chunk.count {
                switch RecordCodec.frame(chunk, at: at) {
                case .record(_, let length):
                    if let keep {
                        guard let session = RecordCodec.session(ofRecordIn: chunk, at: at, length: length) else {
                            throw damaged(range, at, "unreadable record")
                        }
                        if keep.contains(session) { kept += chunk[at..<(at + length)] }
                    } else {
                        kept += chunk[at..<(at + length)]
                    }
                    at += length
                case .torn(let needs):
                    if at > 0 { break scan }
                    // A record longer than the chunk: read it whole.
                    guard let needs, offset + needs <= range.end else { throw damaged(range, at, "a record runs past the durable end") }
                    chunk = try read(needs, range)
                case .corrupt(let why):
                    throw damaged(range, at, why)
                }
            }
            offset += at
            scanned += at
            if offset >= range.end { nextRange() }
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

    private func damaged(_ range: Range, _ at: Int, _ why: String) -> StoreError {
        StoreError("journal \(range.path): \(why) in the record at byte \(offset + at); the live sessions were not copied from it")
    }
}
