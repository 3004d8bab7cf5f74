import Foundation
import Logging
import NightDeskCore
@testable import NightDeskStore
import XCTest

final class JournalTests: JournalDirectoryTestCase {
    private func start(_ segmentBytes: Int = 16 << 20) throws -> (Journal, JournalRecovery) {
        let journal = Journal(dataDirectory: dataDirectory, logger: Logger(label: "test"), maxSegmentBytes: segmentBytes)
        let recovery = try journal.recover()
        try journal.start(after: recovery) { _ in }
        return (journal, recovery)
    }

    private func start(session: String) -> JournalRecord {
        .sessionStarted(SessionStart(session: session, site: "demo", resumeHash: "h", startedAt: Timestamp(milliseconds: 1000),
                                     source: LeadSource(page: "https://x.example/", referrer: nil, utm: ["source": "google"])))
    }

    private func message(_ session: String, _ seq: Int, _ text: String = "hello \"there\"\n") -> JournalRecord {
        .message(session: session, message: Message(seq: seq, from: .visitor, name: "Ava", text: text, at: Timestamp(milliseconds: 2000 + Int64(seq))), clientID: "c-\(seq)")
    }

    private func durable(_ journal: Journal) -> Bool {
        let done = expectation(description: "durable")
        let result = Mutex(false)
        journal.afterDurable { ok in result.withLock { $0 = ok }; done.fulfill() }
        wait(for: [done], timeout: 10)
        return result.withLock { $0 }
    }

    func testRecordsRoundTripThroughRecovery() throws {
        let records = [start(session: "s-1"), message("s-1", 1), message("s-1", 2, "😀 <b>x</b>"),
                       .ended(session: "s-1", reason: .visitorLeft, at: Timestamp(milliseconds: 9000))]
        let (journal, _) = try start()
        records.forEach(journal.append)
        XCTAssertTrue(durable(journal))
        journal.stop()
        let (again, recovery) = try start()
        defer { again.stop() }
        XCTAssertEqual(recovery.sessions, [records])
        XCTAssertTrue(recovery.notes.isEmpty)
    }

    func testTheLargestMessageTheConfigAllowsSurvivesRecovery() throws {
        // 1 MiB of control characters: the worst case for JSON escaping.
        let huge = String(repeating: "\u{1}", count: 1 << 20)
        let records = [start(session: "s-1"), message("s-1", 1, huge), start(session: "s-2"), message("s-2", 1)]
        let (journal, _) = try start()
        records.forEach(journal.append)
        XCTAssertTrue(durable(journal))
        journal.stop()
        let (again, recovery) = try start()
        defer { again.stop() }
        XCTAssertEqual(recovery.sessions, [Array(records[0...1]), Array(records[2...3])])
        XCTAssertTrue(recovery.notes.isEmpty, "\(recovery.notes)")
    }

    func testWhenALeadCannotBeWrittenEveryLaterBarrierHearsAndTheLeadLandsLater() throws {
        let (journal, _) = try start()
        defer { journal.stop() }
        // A file where the leads folder should be: every lead write fails.
        let leads = dataDirectory + "/leads"
        try FileManager.default.removeItem(atPath: leads)
        XCTAssertTrue(FileManager.default.createFile(atPath: leads, contents: Data()))

        journal.append(start(session: "s-1"))
        let leadWritten = expectation(description: "lead written once the disk recovers")
        journal.writeLead(LeadRecord(id: "l-1", session: "s-1", json: "{}\n", readable: "x\n")) { leadWritten.fulfill() }
        journal.append(message("s-2", 1))
        XCTAssertFalse(durable(journal), "a barrier behind a failing lead is told, not dropped")

        try FileManager.default.removeItem(atPath: leads)
        wait(for: [leadWritten], timeout: 10)
        XCTAssertTrue(durable(journal))
        XCTAssertNotNil(FileManager.default.contents(atPath: leads + "/l-1.json"))
    }

    func testAWriteWaiterHearsOnceTheRecordIsInTheFileAndBeforeTheAck() throws {
        let (journal, _) = try start()
        defer { journal.stop() }
        let segment = dataDirectory + "/journal/" + JournalScanner.segmentName(1)
        let order = Mutex<[String]>([])
        let both = expectation(description: "written, then durable")
        both.expectedFulfillmentCount = 2
        journal.append(start(session: "s-1"))
        let record = RecordCodec.encode(start(session: "s-1"))
        journal.afterWritten {
            // The file is already a megabyte of reserved zeros: look for the record itself.
            let bytes = FileManager.default.contents(atPath: segment).map(Array.init) ?? []
            order.withLock { $0.append(bytes.starts(with: record) ? "written" : "told before the write") }
            both.fulfill()
        }
        journal.afterDurable { ok in order.withLock { $0.append(ok ? "durable" : "refused") }; both.fulfill() }
        wait(for: [both], timeout: 10)
        XCTAssertEqual(order.withLock { $0 }, ["written", "durable"])
    }

    func testWriteWaitersAreToldOnceEvenWhenALeadWriteFails() throws {
        let (journal, _) = try start()
        defer { journal.stop() }
        let leads = dataDirectory + "/leads"
        try FileManager.default.removeItem(atPath: leads)
        XCTAssertTrue(FileManager.default.createFile(atPath: leads, contents: Data()))
        let told = expectation(description: "both write-waiters told, once each")
        told.expectedFulfillmentCount = 2
        journal.append(start(session: "s-1"))
        journal.afterWritten { told.fulfill() }
        journal.writeLead(LeadRecord(id: "l-1", session: "s-1", json: "{}\n", readable: "x\n")) {}
        journal.append(message("s-2", 1))
        journal.afterWritten { told.fulfill() }
        XCTAssertFalse(durable(journal))
        wait(for: [told], timeout: 10)
    }

    func testAcksWaitForTheNextSyncTurnWhileWritesGoOutAtOnce() throws {
        let journal = Journal(dataDirectory: dataDirectory, logger: Logger(label: "test"), minSyncMilliseconds: 300)
        try journal.start(after: try journal.recover()) { _ in }
        defer { journal.stop() }
        journal.append(start(session: "s-1"))
        XCTAssertTrue(durable(journal), "the first fsync runs at once")
        let syncsBefore = journal.statistics.snapshot.fsyncLatency.count
        let released = Mutex(0)
        let all = expectation(description: "every ack")
        all.expectedFulfillmentCount = 20
        let written = expectation(description: "every write")
        written.expectedFulfillmentCount = 20
        for i in 1...20 {
            journal.append(message("s-1", i))
            journal.afterWritten {
                // Told after the write and before the fsync that acks it.
                XCTAssertEqual(released.withLock { $0 }, 0, "an ack went out before message \(i) was written: acks did not wait for their sync turn")
                written.fulfill()
            }
            journal.afterDurable { ok in
                XCTAssertTrue(ok)
                released.withLock { $0 += 1 }
                all.fulfill()
            }
        }
        wait(for: [written, all], timeout: 10, enforceOrder: false)
        XCTAssertEqual(journal.statistics.snapshot.fsyncLatency.count - syncsBefore, 1,
                       "twenty acks inside one sync turn share one fsync")
    }

    func testATornTailIsCutAndEverythingBeforeItKept() throws {
        let (journal, _) = try start()
        journal.append(start(session: "s-1"))
        journal.append(message("s-1", 1))
        XCTAssertTrue(durable(journal))
        journal.stop()
        let path = dataDirectory + "/journal/00000001.journal"
        let whole = try XCTUnwrap(FileManager.default.contents(atPath: path))
        let torn = RecordCodec.encode(message("s-1", 2)).prefix(20)
        try (whole + Data(torn)).write(to: URL(fileURLWithPath: path))

        let (again, recovery) = try start()
        XCTAssertEqual(recovery.sessions.first?.count, 2)
        XCTAssertTrue(recovery.notes.first?.contains("torn record") ?? false)
        again.append(message("s-1", 2))
        XCTAssertTrue(durable(again))
        again.stop()
        let (third, final) = try start()
        defer { third.stop() }
        XCTAssertEqual(final.sessions.first?.count, 3, "appends after recovery follow the last good record")
        XCTAssertTrue(final.notes.isEmpty)
    }

    func testACorruptRecordStopsRecoveryThere() throws {
        let (journal, _) = try start()
        journal.append(start(session: "s-1"))
        journal.append(message("s-1", 1))
        journal.append(message("s-1", 2))
        XCTAssertTrue(durable(journal))
        journal.stop()
        let path = dataDirectory + "/journal/00000001.journal"
        var bytes = try XCTUnwrap(FileManager.default.contents(atPath: path))
        bytes[bytes.count - 3] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: path))
        let (again, recovery) = try start()
        defer { again.stop() }
        XCTAssertEqual(recovery.sessions.first?.count, 2)
        XCTAssertTrue(recovery.notes.first?.contains("checksum") ?? false)
    }

    func testALeadIsWrittenDurablyAndTheSessionIsFinished() throws {
        let (journal, _) = try start()
        journal.append(start(session: "s-1"))
        journal.append(message("s-1", 1))
        let lead = LeadRecord(id: "l-1", session: "s-1", json: "{\"id\":\"l-1\"}\n", readable: "Ava: hello\n")
        let written = expectation(description: "lead")
        journal.writeLead(lead) { written.fulfill() }
        wait(for: [written], timeout: 10)
        journal.stop()
        XCTAssertEqual(try String(contentsOfFile: dataDirectory + "/leads/l-1.txt", encoding: .utf8), "Ava: hello\n")
        XCTAssertNotNil(FileManager.default.contents(atPath: dataDirectory + "/leads/l-1.json"))
        let (again, recovery) = try start()
        defer { again.stop() }
        XCTAssertTrue(recovery.sessions.isEmpty, "a session whose lead is written is not live")
    }

    func testRollingToANewSegmentKeepsOnlyLiveSessions() throws {
        let (journal, _) = try start(4096)
        journal.append(start(session: "s-live"))
        journal.append(message("s-live", 1))
        for i in 0..<40 {
            let id = "s-\(i)"
            journal.append(start(session: id))
            journal.append(message(id, 1, String(repeating: "x", count: 200)))
            journal.writeLead(LeadRecord(id: "l-\(i)", session: id, json: "{}\n", readable: "x\n")) {}
        }
        XCTAssertTrue(durable(journal))
        journal.stop()
        let segments = try FileManager.default.contentsOfDirectory(atPath: dataDirectory + "/journal")
        XCTAssertLessThanOrEqual(segments.count, 2)
        let (again, recovery) = try start()
        defer { again.stop() }
        XCTAssertEqual(recovery.sessions.map { $0.first?.sessionID }, ["s-live"])
        XCTAssertEqual(recovery.sessions.first?.count, 2)
    }

    /// A roll finds each record's session without parsing its JSON; an id
    /// that JSON must escape takes the slow path and is kept all the same.
    func testASessionWhoseIdNeedsEscapingSurvivesARoll() throws {
        let odd = #"s-"odd"\path"#
        let (journal, _) = try start(4096)
        journal.append(start(session: odd))
        for i in 0..<40 {
            journal.append(message(odd, i + 1, String(repeating: "x", count: 200)))
            XCTAssertTrue(durable(journal))
        }
        journal.stop()
        XCTAssertFalse(FileManager.default.fileExists(atPath: dataDirectory + "/journal/00000001.journal"), "no roll happened")
        let (again, recovery) = try start()
        defer { again.stop() }
        XCTAssertEqual(recovery.sessions.map { $0.first?.sessionID }, [odd])
        XCTAssertEqual(recovery.sessions.first?.count, 41)
    }

    func testLiveSessionsLargerThanASegmentDoNotRollEveryBatch() throws {
        let (journal, _) = try start(4096)
        // 20 live sessions of 1 KiB each: the checkpoint alone is 20 KiB,
        // five times the segment limit.
        for i in 0..<20 {
            journal.append(start(session: "s-\(i)"))
            journal.append(message("s-\(i)", 1, String(repeating: "x", count: 1024)))
        }
        XCTAssertTrue(durable(journal))
        // A barrier is released before its commit's roll step, and the
        // appends above can roll more than once while they trickle in: the
        // next commit begins only once those rolls are done.
        XCTAssertTrue(durable(journal))
        let first = try XCTUnwrap(JournalScanner.segmentNumbers(in: dataDirectory + "/journal").max())
        for n in 2...41 {
            journal.append(message("s-\(n % 20)", n, "short"))
            XCTAssertTrue(durable(journal))
        }
        let last = try XCTUnwrap(JournalScanner.segmentNumbers(in: dataDirectory + "/journal").max())
        XCTAssertLessThanOrEqual(last - first, 1, "40 small batches rewrote the 20 KiB checkpoint \(last - first) times")
        journal.stop()
        let (again, recovery) = try start()
        defer { again.stop() }
        XCTAssertEqual(recovery.sessions.count, 20)
        XCTAssertEqual(recovery.sessions.map(\.count).reduce(0, +), 20 * 2 + 40)
    }

    func testManyAppendsShareOneSyncAndAllAreDurable() throws {
        let (journal, _) = try start()
        let acks = Mutex(0)
        let all = expectation(description: "all durable")
        all.expectedFulfillmentCount = 500
        for i in 0..<500 {
            journal.append(message("s-1", i + 1))
            journal.afterDurable { ok in if ok { acks.withLock { $0 += 1 } }; all.fulfill() }
        }
        wait(for: [all], timeout: 30)
        journal.stop()
        XCTAssertEqual(acks.withLock { $0 }, 500)
    }

    /// A turn's batch goes over whole and in order: its write-waiter hears
    /// before its durability-waiter, and recovery finds its records.
    func testABatchIsWrittenInOrderAndItsWaitersHear() throws {
        let (journal, _) = try start()
        let heard = Mutex<[String]>([])
        let done = expectation(description: "durable")
        var batch = JournalBatch()
        batch.append(start(session: "s-1"))
        batch.append(message("s-1", 1))
        batch.afterWritten { heard.withLock { $0.append("written") } }
        batch.append(message("s-1", 2))
        batch.afterDurable { ok in heard.withLock { $0.append("durable \(ok)") }; done.fulfill() }
        XCTAssertFalse(batch.isEmpty)
        journal.submit(batch)
        wait(for: [done], timeout: 10)
        XCTAssertEqual(heard.withLock { $0 }, ["written", "durable true"])
        journal.stop()
        let (again, recovery) = try start()
        defer { again.stop() }
        XCTAssertEqual(recovery.sessions, [[start(session: "s-1"), message("s-1", 1), message("s-1", 2)]])
    }
}

import Synchronization
