import Foundation
import Logging
import NightDeskCore
@testable import NightDeskStore
import Synchronization
import XCTest

/// The relay hears the journal's health and its barriers through one FIFO
/// queue, so their order is the order the writer thread reports them in.
/// Found by the disk-full e2e test under ThreadSanitizer (slower threads):
/// the first ack after the disk came back was released before the health
/// report, and a new chat opened right after that ack was refused.
final class JournalHealthOrderTests: JournalDirectoryTestCase {
    func testHealthIsReportedBeforeTheBarriersThatDependOnIt() throws {
        let events = Mutex<[String]>([])
        let journal = Journal(dataDirectory: dataDirectory, logger: Logger(label: "test"))
        try journal.start(after: try journal.recover()) { healthy in
            events.withLock { $0.append(healthy ? "healthy" : "unhealthy") }
        }
        defer { journal.stop() }
        // A file where the leads folder should be: lead writes fail.
        let leads = dataDirectory + "/leads"
        try FileManager.default.removeItem(atPath: leads)
        XCTAssertTrue(FileManager.default.createFile(atPath: leads, contents: Data()))

        let start = SessionStart(session: "s-1", site: "demo", resumeHash: "h", startedAt: Timestamp(milliseconds: 1),
                                 source: LeadSource())
        journal.append(.sessionStarted(start))
        journal.writeLead(LeadRecord(id: "l-1", session: "s-1", json: "{}\n", readable: "x\n")) {}
        let refused = expectation(description: "barrier behind the failing lead")
        journal.afterDurable { ok in events.withLock { $0.append("durable(\(ok))") }; refused.fulfill() }
        wait(for: [refused], timeout: 10)
        XCTAssertEqual(events.withLock { $0 }, ["unhealthy", "durable(false)"])

        try FileManager.default.removeItem(atPath: leads)
        let acked = expectation(description: "barrier once the disk takes writes")
        journal.afterDurable { ok in events.withLock { $0.append("durable(\(ok))") }; acked.fulfill() }
        wait(for: [acked], timeout: 10)
        XCTAssertEqual(events.withLock { $0 }, ["unhealthy", "durable(false)", "healthy", "durable(true)"])
    }
}
