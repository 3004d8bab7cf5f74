import NightDeskCore

/// What start-up found in the journal.
public struct JournalRecovery: Sendable {
    /// Each unfinished session's records, in journal order.
    public var sessions: [[JournalRecord]]
    /// Things an operator should know (a torn tail cut off, corruption).
    public var notes: [String]
    /// Every segment, oldest first, with the length of its readable part
    /// (recovery stops there); the last is the one to append to, and is
    /// cut to that length when the journal starts.
    var segments: [(number: Int, validLength: Int)]
    /// The unfinished sessions, whose records the next roll copies.
    var liveSessions: Set<String>
}

enum JournalScanner {
    static func segmentName(_ n: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits + ".journal"
    }

    static func segmentPath(_ n: Int, in directory: String) -> String {
        directory + "/" + segmentName(n)
    }

    static func segmentNumbers(in directory: String) -> [Int] {
        DurableFiles.list(directory).compactMap { name in
            guard name.hasSuffix(".journal") else { return nil }
            return Int(name.dropLast(".journal".count))
        }.sorted()
    }

    /// Reads every segment in order. Reading stops at the first torn or
    /// corrupt record of a segment, or at the zeros of its reserved space,
    /// and keeps everything before it, saying which.
    static func recover(directory: String) throws(StoreError) -> JournalRecovery {
        var grouped: [String: [JournalRecord]] = [:]
        var order: [String] = []
        var finished: Set<String> = []
        var notes: [String] = []
        var segments: [(number: Int, validLength: Int)] = []
        let numbers = segmentNumbers(in: directory)
        for number in numbers {
            let path = segmentPath(number, in: directory)
            let bytes = try DurableFiles.readAll(path)
            var offset = 0
            scan: while offset < bytes.count {
                switch RecordCodec.decode(bytes, at: offset) {
                case .record(let record, let length):
                    let id = record.sessionID
                    if grouped[id] == nil { order.append(id); grouped[id] = [] }
                    grouped[id, default: []].append(record)
                    if case .leadWritten = record { finished.insert(id) }
                    offset += length
                case let result:
                    notes.append("\(path): \(JournalScanner.stop(bytes, at: offset, result)); kept the \(offset) bytes before it")
                    break scan
                }
            }
            segments.append((number, offset))
        }
        let live = order.filter { !finished.contains($0) }
        return JournalRecovery(
            sessions: live.compactMap { grouped[$0] },
            notes: notes,
            segments: segments,
            liveSessions: Set(live)
        )
    }
}

extension JournalScanner {
    /// What the operator is told of the bytes that stopped recovery at
    /// `offset`. Zeros to the end are the space the journal had reserved,
    /// which a kill -9 or power cut leaves behind: said plainly rather than
    /// skipped, since a disk that lost acknowledged records to zeros would
    /// look the same.
    static func stop(_ bytes: [UInt8], at offset: Int, _ result: RecordCodec.DecodeResult) -> String {
        if bytes[offset...].allSatisfy({ $0 == 0 }) {
            return "\(bytes.count - offset) bytes of reserved space (zeros, left by a stop without a shutdown) from byte \(offset)"
        }
        switch (result, RecordCodec.frame(bytes, at: offset)) {
        case (.corrupt, .corrupt(_, let length?)) where length > RecordCodec.headerSize
            && bytes[(offset + length - 1)...].allSatisfy({ $0 == 0 }):
            // Its checksum fails and its last byte lies in the zeros: a
            // write into reserved space cut short (a payload, JSON, never
            // ends in a zero byte).
            return torn(at: offset)
        case (.corrupt(let why), _):
            return "corrupt record at byte \(offset) (\(why))"
        case (.torn, _), (.record, _):
            return torn(at: offset)
        }
    }

    private static func torn(at offset: Int) -> String {
        "torn record at byte \(offset) (a write cut short by a crash)"
    }
}
