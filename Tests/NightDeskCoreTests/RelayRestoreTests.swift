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

    func testASessionCutBeforeTheVisitorsFirstMessageIsForgottenNotResumed() throws {
        // A crash kept the session's start (and maybe the greeting) but not
        // the visitor's first words: nothing was acknowledged, and the
        // greeting the visitor saw as seq 1 must not be reused.
        let before = RelayHarness()
        let token = try XCTUnwrap(before.hello(1).ofType("welcome").first?["resume"]?.stringValue)
        before.send(1, #"{"type":"say","id":"c-1","text":"hello"}"#)
        for kept in 1...2 {
            let after = RelayHarness()
            let effects = after.relay.restore([Array(before.journal.prefix(kept))])
            XCTAssertTrue(effects.contains(.persist(.leadWritten(session: before.journal[0].sessionID))), "the journal forgets it")
            XCTAssertEqual(after.relay.liveSessionCount, 0)
            XCTAssertEqual(after.hello(2, resume: token).ofType("welcome").first?["resumed"], .bool(false))
        }
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
