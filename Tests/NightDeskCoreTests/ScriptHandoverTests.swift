@testable import NightDeskCore
import XCTest

/// The responder and agents: silent while an agent has the chat, resuming
/// without re-asking after a release, an agent's record winning, and every
/// available agent alerted to a possible emergency.
final class ScriptHandoverTests: XCTestCase {
    func testReleaseResumesWithTheNextUnansweredQuestion() {
        var chat = ScriptConversation()
        chat.visitor("Ava Stone")
        chat.visitor("yes")
        // An agent takes the chat; the visitor answers the agent's questions.
        chat.agent("Hi Ava, I'm Amy. What's going on?")
        chat.visitorToAgent("my crown fell off, you can reach me at 555 201 3344")
        XCTAssertEqual(chat.turns.last, [], "silent while the agent holds the chat")
        let resumed = chat.release()
        XCTAssertEqual(resumed.count, 1)
        XCTAssertTrue(resumed[0].contains("best time"), "it asks only what it lacks: \(resumed)")
        chat.visitor("after 4pm")
        let closing = chat.turns.last?.joined() ?? ""
        XCTAssertTrue(closing.contains("call you at 555 201 3344"), closing)
        XCTAssertEqual(chat.facts.need, "my crown fell off, you can reach me at 555 201 3344")
    }

    func testWhatTheAgentRecordedIsNeverAskedAndWins() {
        var chat = ScriptConversation()
        chat.visitor("hi")
        chat.recorded = ["name": "Ava Stone", "phone": "555 999 0000", "reason": "Implant consultation"]
        chat.visitor("yes I'm a patient")
        let all = chat.turns.joined().joined(separator: "\n")
        XCTAssertFalse(all.contains("phone number to reach you"), all)
        chat.visitor("555 201 3344 is my cell")
        XCTAssertEqual(chat.facts.phone, "555 999 0000", "the agent's record wins over inference")
        XCTAssertEqual(chat.facts.need, "Implant consultation")
    }

    func testReleaseAfterTheClosingSaysNothingMore() {
        var chat = ScriptConversation()
        chat.visitor("Ava, existing patient, cleaning, 555 201 3344")
        chat.visitor("mornings")
        XCTAssertEqual(chat.release(), [])
    }

    func testRelayAlertsEveryAvailableAgentOfTheSiteToAnEmergency() {
        let h = RelayHarness(sites: [closedSite()])
        let agents = h.agents([("amy", ["demo"], 2), ("bob", ["demo"], 2), ("cat", ["other"], 2)])
        let (session, _) = h.visitorSpeaks(1, text: "Ava here")
        let sent = h.run(h.relay.textReceived(1, #"{"type":"say","id":"v-2","text":"my face is swelling and I can't breathe"}"#))
        for agent in ["amy", "bob"] {
            let alert = sent.to(agents[agent] ?? 0).first { $0["type"]?.stringValue == "alert" }
            XCTAssertEqual(alert?["session"]?.stringValue, session, agent)
            XCTAssertEqual(alert?["reason"]?.stringValue, "emergency")
            XCTAssertEqual(alert?["summary"]?["score"]?.stringValue, "hot")
        }
        XCTAssertTrue(sent.to(agents["cat"] ?? 0).isEmpty, "an agent of another site hears nothing")
        let toVisitor = sent.to(1).filter { $0["type"]?.stringValue == "message" && $0["from"]?.stringValue == "bot" }
        XCTAssertTrue(toVisitor.first?["text"]?.stringValue?.contains("911") == true, "the very next reply is the emergency line: \(toVisitor)")
        let again = h.run(h.relay.textReceived(1, #"{"type":"say","id":"v-3","text":"it's getting worse, can't breathe"}"#))
        XCTAssertFalse(again.contains { $0.1["type"]?.stringValue == "alert" }, "alerted once per chat")
    }

    func testReleaseThroughTheRelayAsksTheNextQuestion() {
        let h = RelayHarness(sites: [closedSite()])
        let agents = h.agents([("amy", ["demo"], 2)])
        let amy = agents["amy"] ?? 0
        let (session, _) = h.visitorSpeaks(1, text: "Ava Stone")
        h.agentSend(amy, #"{"type":"takeover","session":"\#(session)"}"#)
        let quiet = h.run(h.relay.textReceived(1, #"{"type":"say","id":"v-2","text":"I am an existing patient and I need a cleaning"}"#))
        XCTAssertFalse(quiet.contains { $0.1["from"]?.stringValue == "bot" }, "silent while an agent has the chat")
        let back = h.agentSend(amy, #"{"type":"release","session":"\#(session)"}"#)
        let bot = back.to(1).filter { $0["from"]?.stringValue == "bot" }.compactMap { $0["text"]?.stringValue }
        XCTAssertEqual(bot.count, 1, "\(back)")
        XCTAssertTrue(bot.first?.contains("best phone number") == true, "\(bot)")
    }
}
