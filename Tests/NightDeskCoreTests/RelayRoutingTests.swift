import NightDeskCore
import XCTest

/// Who gets a chat, in what order, and what happens when nobody answers.
final class RelayRoutingTests: XCTestCase {
    private func harness(_ sites: [Site] = [closedSite()]) -> RelayHarness {
        var limits = Relay.Limits()
        limits.offerTimeout = 20
        limits.agentGrace = 30
        return RelayHarness(sites: sites, limits: limits)
    }

    func testTheOfferGoesToTheLeastLoadedThenLongestIdleAgent() {
        let h = harness()
        let c = h.agents([("amy", ["demo"], 3), ("bob", ["demo"], 3), ("cat", ["demo"], 3)])
        // Amy came on duty first: longest idle.
        XCTAssertEqual(h.visitorSpeaks(1).1.offers().map(\.0), [c["amy"]])
        XCTAssertEqual(h.visitorSpeaks(2).1.offers().map(\.0), [c["bob"]], "amy now carries an offer")
        XCTAssertEqual(h.visitorSpeaks(3).1.offers().map(\.0), [c["cat"]])
    }

    func testAnUnansweredOfferMovesOnThenStaysWithTheAutoResponder() throws {
        let h = harness()
        let c = h.agents([("amy", ["demo"], 3), ("bob", ["demo"], 3)])
        let (session, first) = h.visitorSpeaks(1)
        XCTAssertEqual(first.offers().map(\.0), [c["amy"]])
        XCTAssertTrue(h.tickAfter(seconds: 19.9).offers().isEmpty)
        XCTAssertEqual(h.tickAfter(seconds: 0.1).offers().map(\.0), [c["bob"]])
        XCTAssertTrue(h.tickAfter(seconds: 20).offers().isEmpty, "after the last agent it stays with the auto-responder")
        let late = h.agentSend(try XCTUnwrap(c["amy"]), #"{"type":"accept","session":"\#(session)"}"#)
        XCTAssertEqual(late.to(try XCTUnwrap(c["amy"])).first?["code"], .string("conflict"))
        let bot = h.send(1, #"{"type":"say","id":"v-2","text":"hello?"}"#).ofType("message")
        XCTAssertEqual(bot.last?["from"], .string("bot"), "the auto-responder keeps answering")
    }

    func testDeclinePassesTheOfferOn() throws {
        let h = harness()
        let c = h.agents([("amy", ["demo"], 3), ("bob", ["demo"], 3)])
        let (session, _) = h.visitorSpeaks(1)
        let sent = h.agentSend(try XCTUnwrap(c["amy"]), #"{"type":"decline","session":"\#(session)"}"#)
        XCTAssertEqual(sent.offers().map(\.0), [c["bob"]])
    }

    func testAnAgentAtCapacityIsNotOffered() throws {
        let h = harness()
        let c = h.agents([("amy", ["demo"], 1)])
        let (session, _) = h.visitorSpeaks(1)
        h.agentSend(try XCTUnwrap(c["amy"]), #"{"type":"accept","session":"\#(session)"}"#)
        XCTAssertTrue(h.visitorSpeaks(2).1.offers().isEmpty)
    }

    func testAcceptAssignsSilencesTheBotAndRelaysBothWays() throws {
        let h = harness()
        let amy = try XCTUnwrap(h.agents([("amy", ["demo"], 3)])["amy"])
        let (session, _) = h.visitorSpeaks(1)
        let accepted = h.agentSend(amy, #"{"type":"accept","session":"\#(session)"}"#)
        XCTAssertEqual(accepted.to(amy).first?["type"], .string("assigned"))
        XCTAssertTrue(accepted.to(1).contains { $0["text"] == .string("Amy joined the chat") })
        let visitorSays = h.run(h.relay.textReceived(1, #"{"type":"say","id":"v-9","text":"thanks"}"#))
        XCTAssertEqual(visitorSays.to(amy).ofType("message").map { $0["text"] }, [.string("thanks")])
        XCTAssertFalse(visitorSays.to(1).ofType("message").contains { $0["from"] == .string("bot") }, "the bot is silent")
        let agentSays = h.agentSend(amy, #"{"type":"say","session":"\#(session)","id":"a-1","text":"Hi, Amy here"}"#)
        XCTAssertEqual(agentSays.to(1).ofType("message").first?["name"], .string("Amy"))
        XCTAssertEqual(agentSays.to(amy).ofType("ack").first?["session"], .string(session))
    }

    func testADroppedAgentHasTheGracePeriodToComeBack() throws {
        let h = harness()
        let c = h.agents([("amy", ["demo"], 3), ("bob", ["demo"], 3)])
        let amy = try XCTUnwrap(c["amy"])
        let (session, _) = h.visitorSpeaks(1)
        h.agentSend(amy, #"{"type":"accept","session":"\#(session)"}"#)
        h.run(h.relay.connectionClosed(amy))
        XCTAssertTrue(h.tickAfter(seconds: 29).isEmpty)
        h.open(200)
        let back = h.send(200, #"{"type":"hello","role":"agent","token":"token-amy"}"#)
        XCTAssertEqual(back.first?["sessions"]?.arrayValue?.first?["session"], .string(session))
        XCTAssertTrue(h.tickAfter(seconds: 5).isEmpty, "back in time: nothing changes")

        h.run(h.relay.connectionClosed(200))
        let after = h.tickAfter(seconds: 30)
        XCTAssertTrue(after.to(1).contains { $0["text"]?.stringValue?.contains("Amy was disconnected") ?? false })
        XCTAssertEqual(after.offers().map(\.0), [c["bob"]], "offered again to someone else")
    }

    func testReleaseHandsBackToTheBotWhichAnswersAgain() throws {
        let h = harness()
        let amy = try XCTUnwrap(h.agents([("amy", ["demo"], 3)])["amy"])
        let (session, _) = h.visitorSpeaks(1)
        h.agentSend(amy, #"{"type":"accept","session":"\#(session)"}"#)
        h.agentSend(amy, #"{"type":"release","session":"\#(session)"}"#)
        let next = h.send(1, #"{"type":"say","id":"v-5","text":"555 123 4567"}"#).ofType("message")
        XCTAssertEqual(next.last?["from"], .string("bot"))
        let again = h.agentSend(amy, #"{"type":"say","session":"\#(session)","id":"a-1","text":"x"}"#)
        XCTAssertEqual(again.to(amy).first?["code"], .string("not_assigned"))
    }

    func testTakeoverOfAChatTheAutoResponderHolds() throws {
        let h = harness()
        let amy = try XCTUnwrap(h.agents([("amy", ["demo"], 3)], available: false)["amy"])
        let (session, sent) = h.visitorSpeaks(1)
        XCTAssertTrue(sent.offers().isEmpty, "an away agent is not offered")
        let list = h.agentSend(amy, #"{"type":"list"}"#).to(amy).first
        XCTAssertEqual(list?["items"]?.arrayValue?.first?["handler"], .string("bot"))
        let taken = h.agentSend(amy, #"{"type":"takeover","session":"\#(session)"}"#)
        XCTAssertEqual(taken.to(amy).first?["type"], .string("assigned"))
    }

    func testAnAgentOfAnotherSiteCanNeitherSeeNorTouchTheChat() throws {
        let h = harness([closedSite("demo"), closedSite("other")])
        let c = h.agents([("amy", ["demo"], 3), ("olga", ["other"], 3)])
        let olga = try XCTUnwrap(c["olga"])
        let (session, sent) = h.visitorSpeaks(1, site: "demo")
        XCTAssertEqual(sent.offers().map(\.0), [c["amy"]])
        XCTAssertEqual(h.agentSend(olga, #"{"type":"accept","session":"\#(session)"}"#).to(olga).first?["code"], .string("conflict"))
        for frame in [#"{"type":"takeover","session":"\#(session)"}"#,
                      #"{"type":"say","session":"\#(session)","id":"o-1","text":"x"}"#, #"{"type":"close","session":"\#(session)","disposition":"spam"}"#,
                      #"{"type":"release","session":"\#(session)"}"#] {
            XCTAssertEqual(h.agentSend(olga, frame).to(olga).first?["code"], .string("not_assigned"), frame)
        }
        XCTAssertEqual(h.agentSend(olga, #"{"type":"list"}"#).to(olga).first?["items"], .array([]))
    }

    func testOfficeHoursDecideTheRoute() {
        let open = harness([closedSite(insideHours: .autoResponder, open: true)])
        open.agents([("amy", ["demo"], 3)])
        XCTAssertTrue(open.visitorSpeaks(1).1.offers().isEmpty, "in hours this site keeps its own desk")
        let agentsInHours = harness([closedSite(insideHours: .agents, open: true)])
        agentsInHours.agents([("amy", ["demo"], 3)])
        XCTAssertEqual(agentsInHours.visitorSpeaks(1).1.offers().count, 1)
    }

    func testARevokedAgentIsDisconnectedAndItsChatsGoBackToTheBot() throws {
        let h = harness()
        let amy = try XCTUnwrap(h.agents([("amy", ["demo"], 3)])["amy"])
        let (session, _) = h.visitorSpeaks(1)
        h.agentSend(amy, #"{"type":"accept","session":"\#(session)"}"#)
        let sent = h.run(h.relay.updateAgents([]))
        XCTAssertEqual(sent.to(amy).first?["code"], .string("unauthorized"))
        XCTAssertEqual(sent.to(amy).last?["code"], .number(1008))
        XCTAssertEqual(h.send(1, #"{"type":"say","id":"v-7","text":"hi"}"#).ofType("message").last?["from"], .string("bot"))
    }

    func testAWrongTokenIsUnauthorized() {
        let h = harness()
        h.agents([("amy", ["demo"], 3)])
        h.open(300)
        let frames = h.send(300, #"{"type":"hello","role":"agent","token":"nope"}"#)
        XCTAssertEqual(frames.first?["code"], .string("unauthorized"))
        XCTAssertEqual(frames.last?["code"], .number(1008))
    }
}
