import NightDeskCore
import XCTest

final class RelayRestoreTests: XCTestCase {
    func testAJournalledSessionIsResumableAfterARestart() throws {
        let before = RelayHarness()
        let token = try XCTUnwrap(before.hello(1).ofType("welcome").first?["resume"]?.stringValue)
        before.send(1, #"{"type":"say","id":"c-1","text":"Ava"}"#)

        let after = RelayHarness()
        after.run(after.relay.restore([before.journal]))
        let frames = after.hello(7, resume: token, lastSeq: 0)
        let welcome = try XCTUnwrap(frames.ofType("welcome").first)
        XCTAssertEqual(welcome["resumed"], .bool(true))
        XCTAssertEqual(welcome["history"]?.arrayValue?.count, 3)
        let again = after.send(7, #"{"type":"say","id":"c-1","text":"Ava"}"#)
        XCTAssertEqual(again.ofType("ack").first?["seq"], .number(2), "say ids survive a restart")
    }

    func testAnEndedSessionWithoutItsLeadGetsTheLeadOnRestore() throws {
        let before = RelayHarness()
        before.hello(1)
        before.send(1, #"{"type":"say","id":"c-1","text":"my tooth hurts"}"#)
        let effects = before.relay.textReceived(1, #"{"type":"leave"}"#)
        for case .persist(let record) in effects { before.journal.append(record) }

        let after = RelayHarness()
        after.run(after.relay.restore([before.journal]))
        XCTAssertEqual(after.leads.count, 1)
        XCTAssertEqual(after.relay.liveSessionCount, 0)
    }

    func testAFinishedSessionIsNotRestored() {
        let before = RelayHarness()
        before.hello(1)
        before.send(1, #"{"type":"say","id":"c-1","text":"hi"}"#)
        let session = before.journal[0].sessionID
        let after = RelayHarness()
        after.run(after.relay.restore([before.journal + [.leadWritten(session: session)]]))
        XCTAssertEqual(after.relay.liveSessionCount, 0)
        XCTAssertTrue(after.leads.isEmpty)
    }
}
