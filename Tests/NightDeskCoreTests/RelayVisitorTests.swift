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

    func testSayIsAnnouncedOnceWrittenAndAckedOnlyOnceDurable() throws {
        let h = RelayHarness()
        h.hello(1)
        let effects = h.relay.textReceived(1, #"{"type":"say","id":"c-1","text":"Ava Stone"}"#)
        guard case .whenDurable(let mark)? = effects.last else { return XCTFail("the say must wait for the journal: \(effects)") }
        let persisted = effects.filter { if case .persist = $0 { return true }; return false }
        XCTAssertEqual(persisted.count, 4, "session start, greeting, the visitor's message and the reply")
        XCTAssertFalse(effects.contains { if case .send = $0 { return true }; return false },
                       "nothing is announced before the journal has it: a crash could reuse its seq")
        let delivered = h.run(h.relay.written(mark)).map(\.1)
        XCTAssertEqual(delivered.ofType("message").map { $0["seq"] }, [.number(2), .number(3)])
        XCTAssertEqual(delivered.ofType("message").map { $0["from"] }, [.string("visitor"), .string("bot")])
        XCTAssertTrue(delivered.ofType("ack").isEmpty, "an ack promises the fsync, which has not happened yet")
        let frames = h.run(h.relay.durable(mark, ok: true)).map(\.1)
        XCTAssertEqual(frames.ofType("ack").first?["seq"], .number(2))
        XCTAssertTrue(frames.ofType("message").isEmpty, "each message is announced once")
    }

    func testWhenTheDiskRefusesTheChatGoesOnButTheSenderHearsUnavailable() throws {
        let h = RelayHarness()
        h.hello(1)
        h.diskWorks = false
        let frames = h.send(1, #"{"type":"say","id":"c-1","text":"hello"}"#)
        XCTAssertEqual(frames.ofType("message").count, 2, "chats in progress keep relaying")
        XCTAssertTrue(frames.ofType("ack").isEmpty)
        XCTAssertEqual(frames.ofType("error").first?["code"], .string("unavailable"))
        XCTAssertEqual(frames.ofType("error").first?["ref"], .string("c-1"))
        h.diskWorks = true
        XCTAssertEqual(h.send(1, #"{"type":"say","id":"c-1","text":"hello"}"#).ofType("ack").first?["seq"], .number(2),
                       "the re-sent id is acked once the disk takes it")
    }

    func testAResumingTabSeesOnlyWhatIsDurable() throws {
        let h = RelayHarness()
        let token = try XCTUnwrap(h.hello(1).ofType("welcome").first?["resume"]?.stringValue)
        h.run(h.relay.textReceived(1, #"{"type":"say","id":"c-1","text":"first"}"#))
        let pending = h.relay.textReceived(1, #"{"type":"say","id":"c-2","text":"second"}"#)
        let history = try XCTUnwrap(h.hello(2, resume: token).ofType("welcome").first?["history"]?.arrayValue)
        XCTAssertEqual(history.count, 3, "greeting, first and its reply; not the message still on its way to the journal")
        guard case .whenDurable(let mark)? = pending.last else { return XCTFail() }
        let sent = h.run(h.relay.durable(mark, ok: true))
        XCTAssertEqual(sent.filter { $0.0 == 2 }.map { $0.1["seq"] }, [.number(4), .number(5)], "the new tab gets it once durable")
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
        let record = try XCTUnwrap(h.leads.first)
        XCTAssertEqual(record.score, "hot", "the figures the metrics take match the file")
        XCTAssertEqual(record.firstResponseMilliseconds, lead["first_response_ms"]?.intValue)
        XCTAssertNotNil(record.firstResponseMilliseconds)
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

    /// A visitor who said hello and nothing else, then closed the tab.
    private func silentSessionLeft() -> RelayHarness {
        let h = RelayHarness(sites: [demoSite(idle: 900)])
        h.hello(1)
        h.run(h.relay.connectionClosed(1))
        return h
    }

    func testASessionWhereTheVisitorSaidNothingIsNoLeadAndGoesSoon() {
        let h = silentSessionLeft()
        h.clock.advance(seconds: 119)
        h.run(h.relay.tick())
        XCTAssertEqual(h.relay.liveSessionCount, 1, "a reload within two minutes still finds the greeting")
        h.clock.advance(seconds: 1)
        h.run(h.relay.tick())
        XCTAssertEqual(h.relay.liveSessionCount, 0)
        XCTAssertTrue(h.leads.isEmpty)
        XCTAssertTrue(h.journal.isEmpty)
    }

    func testAShorterSilentTimeoutFromAReloadAppliesToSessionsAlreadyWaiting() {
        let h = silentSessionLeft()
        h.clock.advance(seconds: 31)
        h.run(h.relay.tick())
        XCTAssertEqual(h.relay.liveSessionCount, 1)
        h.relay.limits.silentSessionTimeout = 30
        h.run(h.relay.tick())
        XCTAssertEqual(h.relay.liveSessionCount, 0, "gone on the first tick after the reload, not at the old deadline")
    }
}
