import Foundation
import Logging
import NightDeskCore
@testable import NightDeskStore
import Synchronization
import XCTest

/// The fsync runs beside the writer: what arrives meanwhile is written (and
/// its delivery released) without waiting for the disk, and is made
/// durable by the fsync after; a failed fsync loses none of it.
final class JournalSyncerTests: JournalDirectoryTestCase {
    private func journal(segmentBytes: Int = 16 << 20, syncFile: @escaping @Sendable (Int32) -> Int32) throws -> Journal {
        let journal = Journal(dataDirectory: dataDirectory, logger: Logger(label: "test"), maxSegmentBytes: segmentBytes, minSyncMilliseconds: 0)
        journal.syncFile = syncFile
        try journal.start(after: try journal.recover()) { _ in }
        return journal
    }

    private func recovered() throws -> JournalRecovery {
        let journal = Journal(dataDirectory: dataDirectory, logger: Logger(label: "test"))
        return try journal.recover()
    }

    private func message(_ session: String, _ seq: Int, bytes: Int = 40) -> JournalRecord {
        .message(session: session, message: Message(seq: seq, from: .visitor, name: "Ava", text: String(repeating: "x", count: bytes) + " \(seq)",
                                                     at: Timestamp(milliseconds: 2000 + Int64(seq))), clientID: "c-\(session)-\(seq)")
    }

    private var segmentBytes: [UInt8] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dataDirectory + "/journal")) ?? []
        return names.filter { $0.hasSuffix(".journal") }.sorted().flatMap {
            FileManager.default.contents(atPath: dataDirectory + "/journal/" + $0).map(Array.init) ?? []
        }
    }

    /// The first fsync held open until `gate` is signalled, after telling `began`.
    private final class HeldSync: Sendable {
        let began: XCTestExpectation
        let gate = DispatchSemaphore(value: 0)
        let calls = Mutex(0)
        let fails: Bool

        init(_ began: XCTestExpectation, fails: Bool) {
            self.began = began
            self.fails = fails
        }

        func sync(_ fd: Int32) -> Int32 {
            let call = calls.withLock { $0 += 1; return $0 }
            guard call == 1 else { return fdatasync(fd) }
            began.fulfill()
            // Bounded, so a journal that waits on this fsync before writing
            // fails the test instead of hanging it at `stop`.
            _ = gate.wait(timeout: .now() + 15)
            if fails {
                errno = EIO
                return -1
            }
            return fdatasync(fd)
        }
    }

    func testARecordArrivingDuringAnFsyncIsWrittenAndDeliveredBeforeThatFsyncEnds() throws {
        let held = HeldSync(expectation(description: "the first fsync began"), fails: false)
        let journal = try journal(syncFile: { held.sync($0) })
        defer { journal.stop() }
        let acks = Mutex<[String]>([])
        let bothAcked = expectation(description: "both acked")
        bothAcked.expectedFulfillmentCount = 2
        journal.append(started("s-1"))
        journal.afterDurable { ok in acks.withLock { $0.append("first \(ok)") }; bothAcked.fulfill() }
        wait(for: [held.began], timeout: 10)

        let second = message("s-1", 1)
        let written = expectation(description: "the second record written while the first fsync is held")
        journal.append(second)
        journal.afterWritten { written.fulfill() }
        journal.afterDurable { ok in acks.withLock { $0.append("second \(ok)") }; bothAcked.fulfill() }
        wait(for: [written], timeout: 10)
        let encoded = RecordCodec.encode(second)
        XCTAssertTrue(segmentBytes.indices.contains { segmentBytes[$0...].starts(with: encoded) }, "told written before it was in the file")
        XCTAssertEqual(acks.withLock { $0 }, [], "nothing is acked while its fsync is held")

        held.gate.signal()
        wait(for: [bothAcked], timeout: 10)
        XCTAssertEqual(acks.withLock { $0 }, ["first true", "second true"])
    }

    func testAFailedFsyncCutsWhatWasWrittenMeanwhileAndBothAreWrittenOnceOnRetry() throws {
        let held = HeldSync(expectation(description: "the first fsync began"), fails: true)
        let journal = try journal(syncFile: { held.sync($0) })
        let first = started("s-1"), second = message("s-1", 1)
        let refused = Mutex<[String]>([])
        let bothTold = expectation(description: "both barriers told")
        bothTold.expectedFulfillmentCount = 2
        journal.append(first)
        journal.afterDurable { ok in refused.withLock { $0.append("first \(ok)") }; bothTold.fulfill() }
        wait(for: [held.began], timeout: 10)
        let written = expectation(description: "second written")
        journal.append(second)
        journal.afterWritten { written.fulfill() }
        journal.afterDurable { ok in refused.withLock { $0.append("second \(ok)") }; bothTold.fulfill() }
        wait(for: [written], timeout: 10)

        held.gate.signal()
        wait(for: [bothTold], timeout: 10)
        XCTAssertEqual(refused.withLock { $0 }, ["first false", "second false"], "an ack may not follow a failed fsync")
        // The records are retried (after a second's back-off) and then durable.
        let retried = expectation(description: "durable after the retry")
        journal.afterDurable { ok in
            XCTAssertTrue(ok)
            retried.fulfill()
        }
        wait(for: [retried], timeout: 10)
        journal.stop()

        let recovery = try recovered()
        XCTAssertEqual(recovery.sessions, [[first, second]], "each record once, in order")
        XCTAssertTrue(recovery.notes.isEmpty, "\(recovery.notes)")
    }

    func testRecordsArrivingThroughSlowFsyncsRollsAndALeadAreAllRecoveredInOrder() throws {
        // Every fsync takes 2 ms, so records keep arriving while one runs;
        // a 32 KiB segment rolls several times meanwhile.
        let journal = try journal(segmentBytes: 32 * 1024, syncFile: { fd in
            usleep(2000)
            return fdatasync(fd)
        })
        let sessions = ["s-1", "s-2", "s-3"]
        var expected: [String: [JournalRecord]] = [:]
        let acked = Mutex(0), refused = Mutex(0)
        let leadWritten = expectation(description: "s-2's lead")
        let producer = DispatchQueue(label: "producer")
        producer.sync {
            for session in sessions {
                journal.append(started(session))
                expected[session, default: []].append(started(session))
            }
            for seq in 1...400 {
                for session in sessions where session != "s-2" || seq <= 200 {
                    journal.append(message(session, seq))
                    expected[session, default: []].append(message(session, seq))
                    journal.afterDurable { ok in
                        if ok { acked.withLock { $0 += 1 } } else { refused.withLock { $0 += 1 } }
                    }
                }
                if seq == 200 {
                    journal.writeLead(LeadRecord(id: "l-2", session: "s-2", json: "{}\n", readable: "x\n")) { leadWritten.fulfill() }
                }
                if seq % 25 == 0 { usleep(1000) }
            }
        }
        let all = expectation(description: "everything durable")
        journal.afterDurable { _ in all.fulfill() }
        wait(for: [leadWritten, all], timeout: 60)
        journal.stop()
        XCTAssertEqual(refused.withLock { $0 }, 0)
        XCTAssertEqual(acked.withLock { $0 }, 400 * 2 + 200)

        let recovery = try recovered()
        let bySession = Dictionary(uniqueKeysWithValues: recovery.sessions.compactMap { records in records.first.map { ($0.sessionID, records) } })
        XCTAssertEqual(bySession.keys.sorted(), ["s-1", "s-3"], "s-2 finished with its lead")
        XCTAssertEqual(bySession["s-1"], expected["s-1"])
        XCTAssertEqual(bySession["s-3"], expected["s-3"])
        XCTAssertTrue(recovery.notes.isEmpty, "\(recovery.notes)")
        let segments = try FileManager.default.contentsOfDirectory(atPath: dataDirectory + "/journal").filter { $0.hasSuffix(".journal") }
        XCTAssertNotEqual(segments, ["00000001.journal"], "the journal should have rolled")
    }
}
