import NightDeskCore
import XCTest

final class RelayVisitorTests: XCTestCase {
    func testHelloStartsASessionAndTheAutoResponderGreetsAtOnce() throws {
        let h = RelayHarness()
        let frames = h.hello(1)
        let welcome = try XCTUnwrap(frames.ofType("welcome").first)
        XCTAssertEqual(welcome["resumed"], .bool(false))
        XCTAssertEqual(welcome["site"]?["name"], .string("Demo Dental"))
        XCTAssertGreaterThanOrEqual(welcome["resume"]?.stringValue?.count ?? 0, 22)
        let greeting = try XCTUnwrap(frames.ofType("message").first)
        XCTAssertEqual(greeting["seq"], .number(1))
        XCTAssertEqual(greeting["from"], .string("bot"))
        XCTAssertTrue(greeting["text"]?.stringValue?.contains("Demo Dental") ?? false)
        XCTAssertTrue(h.journal.isEmpty, "a session costs no disk until the visitor speaks")
    }

    func testSayIsNumberedFannedOutJournaledAndAckedAfterDurability() throws {
        let h = RelayHarness()
        h.hello(1)
        let effects = h.relay.textReceived(1, #"{"type":"say","id":"c-1","text":"Do you take Delta Dental?"}"#)
        guard let ackIndex = effects.firstIndex(where: { if case .afterDurable = $0 { return true }; return false }) else {
            return XCTFail("the ack must wait for durability")
        }
        let persistedBefore = effects[..<ackIndex].filter { if case .persist = $0 { return true }; return false }
        XCTAssertEqual(persistedBefore.count, 3, "session start, greeting and the visitor's message precede the ack")
        let frames = h.run(effects).map(\.1)
        XCTAssertEqual(frames.ofType("ack").first?["seq"], .number(2))
        let messages = frames.ofType("message")
        XCTAssertEqual(messages.map { $0["seq"] }, [.number(2), .number(3)])
        XCTAssertEqual(messages.map { $0["from"] }, [.string("visitor"), .string("bot")])
    }

    func testARepeatedSayIdIsAckedWithTheOriginalSeqAndStoredOnce() throws {
        let h = RelayHarness()
        h.hello(1)
        h.send(1, #"{"type":"say","id":"c-1","text":"hello there"}"#)
        let stored = h.journal.count
        let again = h.send(1, #"{"type":"say","id":"c-1","text":"hello there"}"#)
        XCTAssertEqual(again.ofType("ack").first?["seq"], .number(2))
        XCTAssertTrue(again.ofType("message").isEmpty)
        XCTAssertEqual(h.journal.count, stored)
    }

    func testResumeWithLastSeqReplaysOnlyLaterMessagesAndFansOutToEveryTab() throws {
        let h = RelayHarness()
        let welcome = try XCTUnwrap(h.hello(1).ofType("welcome").first)
        let token = try XCTUnwrap(welcome["resume"]?.stringValue)
        h.send(1, #"{"type":"say","id":"c-1","text":"Ava"}"#)
        h.run(h.relay.connectionClosed(1))
        let back = try XCTUnwrap(h.hello(2, resume: token, lastSeq: 2).ofType("welcome").first)
        XCTAssertEqual(back["resumed"], .bool(true))
        XCTAssertEqual(back["session"], welcome["session"])
        XCTAssertEqual(back["history"]?.arrayValue?.map { $0["seq"] }, [.number(3)])
        h.hello(3, resume: token)
        let sent = h.run(h.relay.textReceived(2, #"{"type":"say","id":"c-2","text":"555 123 4567"}"#))
        XCTAssertEqual(Set(sent.filter { $0.1["seq"] == .number(4) }.map(\.0)), [2, 3])
    }

    func testAnUnknownResumeTokenStartsANewSessionWithoutError() throws {
        let h = RelayHarness()
        let frames = h.hello(1, resume: "no-such-token")
        XCTAssertEqual(frames.ofType("welcome").first?["resumed"], .bool(false))
        XCTAssertTrue(frames.ofType("error").isEmpty)
    }

    func testLeaveEndsTheSessionAsALeadThenClosesWith1000() throws {
        let h = RelayHarness()
        h.hello(1)
        h.send(1, #"{"type":"say","id":"c-1","text":"My name is Ava Stone, my tooth hurts, call 555-123-4567"}"#)
        let frames = h.send(1, #"{"type":"leave"}"#)
        XCTAssertEqual(frames.ofType("ended").first?["reason"], .string("visitor_left"))
        XCTAssertEqual(frames.last?["code"], .number(1000))
        let lead = try JSONParser.parse(XCTUnwrap(h.leads.first).json)
        XCTAssertEqual(lead["contact"]?["name"], .string("Ava Stone"))
        XCTAssertEqual(lead["contact"]?["phone"], .string("555-123-4567"))
        XCTAssertEqual(lead["score"], .string("hot"))
        XCTAssertEqual(lead["transcript"]?.arrayValue?.count, 3)
        XCTAssertEqual(lead["source"]?["page"], .string("https://demo.example/implants"))
    }

    func testIdleSessionEndsOnlyWithNoConnectionAndNoMessage() throws {
        let h = RelayHarness(sites: [demoSite(idle: 60)])
        h.hello(1)
        h.send(1, #"{"type":"say","id":"c-1","text":"hi"}"#)
        h.clock.advance(seconds: 120)
        XCTAssertTrue(h.run(h.relay.tick()).isEmpty, "a connected visitor is not idle")
        h.run(h.relay.connectionClosed(1))
        h.clock.advance(seconds: 59)
        h.run(h.relay.tick())
        XCTAssertTrue(h.leads.isEmpty)
        h.clock.advance(seconds: 1)
        h.run(h.relay.tick())
        XCTAssertEqual(h.leads.count, 1)
        XCTAssertEqual(h.relay.liveSessionCount, 0)
        XCTAssertTrue(h.leads[0].json.contains(#""ended_reason":"idle""#))
    }

    func testASessionWhereTheVisitorSaidNothingIsNoLead() {
        let h = RelayHarness(sites: [demoSite(idle: 60)])
        h.hello(1)
        h.run(h.relay.connectionClosed(1))
        h.clock.advance(seconds: 61)
        h.run(h.relay.tick())
        XCTAssertEqual(h.relay.liveSessionCount, 0)
        XCTAssertTrue(h.leads.isEmpty)
        XCTAssertTrue(h.journal.isEmpty)
    }
}
