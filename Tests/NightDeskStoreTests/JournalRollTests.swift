import Foundation
import Logging
import NightDeskCore
@testable import NightDeskStore
import Synchronization
import XCTest

/// A roll copies the live sessions into a new segment a slice at a time,
/// while new records keep coming; what recovery reads must not change.
final class JournalRollTests: JournalDirectoryTestCase {
    private var journalDirectory: String { dataDirectory + "/journal" }

    private func start(_ segmentBytes: Int) throws -> (Journal, JournalRecovery) {
        let journal = Journal(dataDirectory: dataDirectory, logger: Logger(label: "test"), maxSegmentBytes: segmentBytes,
                              minSyncMilliseconds: 0, copiesWhileIdle: false)
        let recovery = try journal.recover()
        try journal.start(after: recovery) { _ in }
        return (journal, recovery)
    }

    private func message(_ session: String, _ seq: Int, bytes: Int = 8_000) -> JournalRecord {
        .message(session: session, message: Message(seq: seq, from: .visitor, name: "Ava", text: String(repeating: "x", count: bytes) + " \(seq)",
                                                     at: Timestamp(milliseconds: 2000 + Int64(seq))), clientID: "c-\(seq)")
    }

    private func durable(_ journal: Journal) {
        let done = expectation(description: "durable")
        journal.afterDurable { _ in done.fulfill() }
        wait(for: [done], timeout: 30)
    }

    private func files() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: journalDirectory)) ?? []).sorted()
    }

    /// Whether the journal directory holds exactly one segment, a new one,
    /// once the segments a finished roll replaced have been deleted (on a
    /// queue of their own, after the roll).
    private func rolled(_ journal: Journal) -> Bool {
        journal.removals.sync {}
        let names = files()
        return names.count == 1 && names[0].hasSuffix(".journal") && names[0] != "00000001.journal"
    }

    func testARollCopiedInSlicesWhileRecordsArriveLosesAndReordersNothing() throws {
        // Two sessions of about 800 KB each, written under a limit they stay
        // below; restarted with a small limit, the first commit starts a roll
        // whose copy needs seven slices, one per commit.
        let (first, _) = try start(16 << 20)
        var expected: [String: [JournalRecord]] = ["s-1": [started("s-1")], "s-2": [started("s-2")]]
        first.append(started("s-1"))
        first.append(started("s-2"))
        for seq in 1...100 {
            for session in ["s-1", "s-2"] {
                let record = message(session, seq)
                first.append(record)
                expected[session, default: []].append(record)
            }
        }
        durable(first)
        first.stop()

        let (journal, _) = try start(64 * 1024)
        // A handler change whose order against the next one matters.
        for record: JournalRecord in [.handler(session: "s-1", agent: "a-1"), .handler(session: "s-1", agent: nil), started("s-3")] {
            journal.append(record)
            expected[record.sessionID, default: []].append(record)
            durable(journal)
            XCTAssertFalse(rolled(journal), "the copy should still be under way")
        }
        // The copy moves a slice per commit: keep the chat going until done.
        var seq = 0
        while !rolled(journal), seq < 100 {
            seq += 1
            let record = message("s-3", seq, bytes: 100)
            journal.append(record)
            expected["s-3", default: []].append(record)
            durable(journal)
        }
        XCTAssertTrue(rolled(journal), "the roll did not finish: \(files())")
        journal.stop()

        let (again, recovery) = try start(64 * 1024)
        defer { again.stop() }
        let bySession = Dictionary(uniqueKeysWithValues: recovery.sessions.compactMap { records in records.first.map { ($0.sessionID, records) } })
        XCTAssertEqual(bySession.keys.sorted(), ["s-1", "s-2", "s-3"])
        for (session, records) in expected {
            XCTAssertEqual(bySession[session], records, "\(session) as written")
        }
        XCTAssertTrue(recovery.notes.isEmpty, "\(recovery.notes)")
    }

    /// Segment 1 holding one short session, the journal stopped.
    private func writeOneShortSession() throws {
        let (journal, _) = try start(16 << 20)
        journal.append(started("s-1"))
        journal.append(message("s-1", 1, bytes: 10))
        durable(journal)
        journal.stop()
    }

    func testAHalfMadeSegmentFromACrashIsIgnoredAndRemoved() throws {
        try writeOneShortSession()
        // What a crash in the middle of a roll leaves: a partial copy.
        let partial = journalDirectory + "/00000002.journal" + JournalRoll.suffix
        XCTAssertTrue(FileManager.default.createFile(atPath: partial, contents: Data(RecordCodec.encode(started("s-9")).prefix(9))))

        let (again, recovery) = try start(16 << 20)
        defer { again.stop() }
        XCTAssertEqual(recovery.sessions.map(\.count), [2])
        XCTAssertTrue(recovery.notes.isEmpty, "\(recovery.notes)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: partial))
    }

    /// What an older build could leave: a crash just after it created the
    /// next segment, before the live sessions were copied in. The records
    /// are only in the older segment, so the next roll must read it too.
    func testARollReadsTheSegmentsACrashLeftBehindTheCurrentOne() throws {
        try writeOneShortSession()
        XCTAssertTrue(FileManager.default.createFile(atPath: journalDirectory + "/00000002.journal", contents: Data()))

        let (journal, _) = try start(4096)
        var seq = 0
        while !rolled(journal), seq < 20 {
            seq += 1
            journal.append(message("s-2", seq, bytes: 1000))
            durable(journal)
        }
        journal.stop()
        XCTAssertTrue(rolled(journal), "no roll: \(files())")

        let (again, recovery) = try start(16 << 20)
        defer { again.stop() }
        XCTAssertEqual(recovery.sessions.first { $0.first?.sessionID == "s-1" }, [started("s-1"), message("s-1", 1, bytes: 10)])
        XCTAssertEqual(recovery.sessions.first { $0.first?.sessionID == "s-2" }?.count, seq)
    }

    /// A record damaged on disk after it was written is left out of the new
    /// segment, and everything after it is kept: recovery of the old segment
    /// would have stopped there and dropped the rest.
    func testARollLeavesOutARecordDamagedOnDiskAndKeepsTheRest() throws {
        let (journal, _) = try start(8192)
        journal.append(started("s-1"))
        journal.append(message("s-1", 1, bytes: 10))
        journal.append(started("s-2"))
        durable(journal)
        let segment = journalDirectory + "/00000001.journal"
        // A changed letter in the text: the record still reads, only its
        // checksum tells.
        var bytes = try XCTUnwrap(FileManager.default.contents(atPath: segment))
        let text = try XCTUnwrap(bytes.range(of: Data("xxxxxxxxxx 1".utf8)))
        bytes[text.lowerBound] = UInt8(ascii: "y")
        try bytes.write(to: URL(fileURLWithPath: segment))

        var seq = 1
        while !rolled(journal), seq < 20 {
            seq += 1
            journal.append(message("s-2", seq, bytes: 1000))
            durable(journal)
        }
        XCTAssertTrue(rolled(journal), "no roll: \(files())")
        journal.stop()

        let (again, recovery) = try start(16 << 20)
        defer { again.stop() }
        XCTAssertTrue(recovery.notes.isEmpty, "the damage was not carried forward: \(recovery.notes)")
        XCTAssertEqual(recovery.sessions.first { $0.first?.sessionID == "s-1" }, [started("s-1")])
        XCTAssertEqual(recovery.sessions.first { $0.first?.sessionID == "s-2" }, [started("s-2")] + (2...seq).map { message("s-2", $0, bytes: 1000) })
    }

    /// After a roll the segment written to is the file the roll made. A
    /// write cut short (here by a file-size limit) is cut off, and the
    /// retry must follow the last durable record, not leave a hole of zeros
    /// where the file position had got to.
    func testAWriteCutShortAfterARollLeavesNoHole() throws {
        let (journal, _) = try start(4096)
        var expected = [started("s-1")]
        journal.append(started("s-1"))
        while !rolled(journal), expected.count < 20 {
            let record = message("s-1", expected.count, bytes: 1000)
            journal.append(record)
            expected.append(record)
            durable(journal)
        }
        XCTAssertTrue(rolled(journal), "no roll: \(files())")
        let segment = journalDirectory + "/" + (files().first ?? "")
        // Where its records end, before the space reserved past them: the
        // limit must cut the next record itself.
        let contents = try XCTUnwrap(FileManager.default.contents(atPath: segment))
        let size = (contents.lastIndex { $0 != 0 } ?? -1) + 1

        signal(SIGXFSZ, SIG_IGN)
        var saved = rlimit()
        XCTAssertEqual(getrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &saved), 0)
        var tight = saved
        tight.rlim_cur = rlim_t(size + 100)
        XCTAssertEqual(setrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &tight), 0)
        let refused = expectation(description: "the write is refused")
        let record = message("s-1", expected.count, bytes: 1000)
        journal.append(record)
        expected.append(record)
        journal.afterDurable { ok in
            XCTAssertFalse(ok)
            refused.fulfill()
        }
        wait(for: [refused], timeout: 10)
        XCTAssertEqual(setrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &saved), 0)
        durable(journal) // the retry, a second later
        journal.stop()

        let (again, recovery) = try start(16 << 20)
        defer { again.stop() }
        XCTAssertTrue(recovery.notes.isEmpty, "\(recovery.notes)")
        XCTAssertEqual(recovery.sessions, [expected])
    }
}
