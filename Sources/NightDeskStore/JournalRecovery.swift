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
