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

    func testARestoredSessionNobodyComesBackToEndsWhenIdle() throws {
        let before = RelayHarness(sites: [demoSite(idle: 900)])
        before.hello(1)
        before.send(1, #"{"type":"say","id":"c-1","text":"my tooth hurts"}"#)

        let after = RelayHarness(sites: [demoSite(idle: 900)])
        after.clock.set("2026-11-21T04:01:00.000Z")
        after.run(after.relay.restore([before.journal]))
        XCTAssertEqual(after.relay.liveSessionCount, 1)
        after.clock.set("2026-11-21T04:14:59.000Z")
        after.run(after.relay.tick())
        XCTAssertEqual(after.relay.liveSessionCount, 1, "idle for less than 900 s since the visitor's message")
        after.clock.set("2026-11-21T04:15:01.000Z")
        after.run(after.relay.tick())
        XCTAssertEqual(after.relay.liveSessionCount, 0)
        XCTAssertEqual(after.leads.count, 1)
    }

    func testARestoredChatWhoseAgentDoesNotComeBackIsOfferedAgain() throws {
        var limits = Relay.Limits()
        limits.agentGrace = 30
        let before = RelayHarness(sites: [closedSite()], limits: limits)
        let amy = try XCTUnwrap(before.agents([("amy", ["demo"], 3)])["amy"])
        let (session, _) = before.visitorSpeaks(1)
        before.agentSend(amy, #"{"type":"accept","session":"\#(session)"}"#)

        let after = RelayHarness(sites: [closedSite()], limits: limits)
        after.run(after.relay.updateAgents(["amy", "bob"].map {
            AgentCredential(id: $0, name: $0.capitalized, sites: ["demo"], capacity: 3, tokenHash: "h(token-\($0))")
        }))
        after.run(after.relay.restore([before.journal]))
        after.open(101)
        after.send(101, #"{"type":"hello","role":"agent","token":"token-bob"}"#)
        after.send(101, #"{"type":"status","available":true}"#)
        XCTAssertTrue(after.tickAfter(seconds: 29).offers().isEmpty, "Amy has the grace period to come back")
        XCTAssertEqual(after.tickAfter(seconds: 2).offers().map(\.0), [101], "then the chat is offered to someone else")
    }
}
