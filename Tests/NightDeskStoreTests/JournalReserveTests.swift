import Foundation
import Logging
import NightDeskCore
@testable import NightDeskStore
import XCTest

/// The segment written to holds reserved space past its last record, so an
/// fsync need not make a new file size durable. A crash leaves that space
/// as zeros; recovery must take it for what it is, and appends after a
/// restart must follow the last record, not the reserved space.
final class JournalReserveTests: JournalDirectoryTestCase {
    var crashImage = ""

    override func setUp() {
        super.setUp()
        crashImage = dataDirectory + "-crashed"
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: crashImage)
        super.tearDown()
    }

    private func start(_ directory: String) throws -> (Journal, JournalRecovery) {
        let journal = Journal(dataDirectory: directory, logger: Logger(label: "test"), minSyncMilliseconds: 0)
        let recovery = try journal.recover()
        try journal.start(after: recovery) { _ in }
        return (journal, recovery)
    }

    private func started(_ session: String) -> JournalRecord {
        .sessionStarted(SessionStart(session: session, site: "demo", resumeHash: "h", startedAt: Timestamp(milliseconds: 1000),
                                     source: LeadSource(page: nil, referrer: nil, utm: [:])))
    }

    private func message(_ seq: Int) -> JournalRecord {
        .message(session: "s-1", message: Message(seq: seq, from: .visitor, name: "Ava", text: "message \(seq)",
                                                  at: Timestamp(milliseconds: 2000 + Int64(seq))), clientID: "c-\(seq)")
    }

    private func durable(_ journal: Journal) {
        let done = expectation(description: "durable")
        journal.afterDurable { ok in XCTAssertTrue(ok); done.fulfill() }
        wait(for: [done], timeout: 10)
    }

    private func segment(in directory: String) -> String {
        directory + "/journal/" + JournalScanner.segmentName(1)
    }

    private func size(_ path: String) throws -> Int {
        try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
    }

    /// Writes three records and, while the journal still runs, copies its
    /// files: what a kill -9 or a power cut right after the fsync leaves.
    private func crashedJournal() throws -> (records: [JournalRecord], length: Int) {
        let (journal, _) = try start(dataDirectory)
        defer { journal.stop() }
        let records = [started("s-1"), message(1), message(2)]
        records.forEach(journal.append)
        durable(journal)
        try FileManager.default.copyItem(atPath: dataDirectory, toPath: crashImage)
        return (records, records.reduce(0) { $0 + RecordCodec.encode($1).count })
    }

    func testTheSegmentHoldsReservedSpaceWhileRunningAndEndsAtItsLastRecordOnStop() throws {
        let (journal, _) = try start(dataDirectory)
        journal.append(started("s-1"))
        durable(journal)
        XCTAssertEqual(try size(segment(in: dataDirectory)), Journal.reserveBytes, "no space reserved past the first record")
        journal.stop()
        XCTAssertEqual(try size(segment(in: dataDirectory)), RecordCodec.encode(started("s-1")).count,
                       "a clean stop leaves the reserved space behind")
    }

    func testReservedSpaceACrashLeftIsSaidPlainlyAndAppendsFollowTheLastRecord() throws {
        let (records, length) = try crashedJournal()
        XCTAssertGreaterThan(try size(segment(in: crashImage)), length, "the crash image holds no reserved space")

        let (journal, recovery) = try start(crashImage)
        XCTAssertEqual(recovery.sessions, [records])
        XCTAssertEqual(recovery.notes.count, 1, "\(recovery.notes)")
        XCTAssertTrue(recovery.notes.first?.contains("reserved space (zeros, left by a stop without a shutdown) from byte \(length)") ?? false,
                      "the reserved zeros were not named as such: \(recovery.notes)")
        journal.append(message(3))
        durable(journal)
        journal.stop()

        let (again, final) = try start(crashImage)
        defer { again.stop() }
        XCTAssertEqual(final.sessions, [records + [message(3)]], "the append after the restart did not follow the last record")
        XCTAssertTrue(final.notes.isEmpty, "a clean stop left reserved space: \(final.notes)")
    }

    /// Writes `bytes` where the crashed journal's records end, inside its
    /// reserved zeros, and returns what recovery says.
    private func recoverWithTail(_ bytes: [UInt8]) throws -> (records: [JournalRecord], length: Int, recovery: JournalRecovery) {
        let (records, length) = try crashedJournal()
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: segment(in: crashImage)))
        try handle.seek(toOffset: UInt64(length))
        try handle.write(contentsOf: Data(bytes))
        try handle.close()
        let (journal, recovery) = try start(crashImage)
        journal.stop()
        return (records, length, recovery)
    }

    func testATornRecordInReservedSpaceIsCutThereAndCalledTorn() throws {
        let (records, length, recovery) = try recoverWithTail(Array(RecordCodec.encode(message(3)).prefix(20)))
        XCTAssertEqual(recovery.sessions, [records])
        XCTAssertEqual(recovery.notes.count, 1)
        XCTAssertTrue(recovery.notes.first?.contains("torn record at byte \(length)") ?? false, "\(recovery.notes)")
    }

    func testAWholeRecordThatCannotBeReadIsCalledCorruptNotTorn() throws {
        // Its checksum holds; its payload is not JSON.
        let payload = Array("{not json}".utf8)
        let checked = [RecordCodec.Kind.message.rawValue] + payload
        var record: [UInt8] = []
        for value in [UInt32(payload.count), CRC32.checksum(checked)] {
            record += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
        }
        record += checked
        let (records, length, recovery) = try recoverWithTail(record)
        XCTAssertEqual(recovery.sessions, [records])
        XCTAssertTrue(recovery.notes.first?.contains("corrupt record at byte \(length) (unreadable") ?? false, "\(recovery.notes)")
    }
}
