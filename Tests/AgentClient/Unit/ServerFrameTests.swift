@testable import nightdesk_agent
import NightDeskCore
import XCTest

final class ServerFrameTests: XCTestCase {
    func testWelcomeWithSessions() {
        let frame = ServerFrame.parse(#"""
        {"type":"welcome","agent":{"id":"amy","name":"Amy"},"available":false,"extra":1,
         "sessions":[{"session":"s1","site":"demo","site_name":"Demo Dental","site_phone":"+1 555 0100",
                      "page":"https://x/","handler":"agent","agent":"amy","visitor":{"name":"Ava"},
                      "messages":12,"last_at":"2026-11-22T23:14:05.123Z","score":"hot"}]}
        """#)
        guard case .welcome(let id, let name, let available, let sessions) = frame else { return XCTFail("\(frame)") }
        XCTAssertEqual(id, "amy")
        XCTAssertEqual(name, "Amy")
        XCTAssertFalse(available)
        XCTAssertEqual(sessions.count, 1)
        XCTAssertEqual(sessions[0].siteName, "Demo Dental")
        XCTAssertEqual(sessions[0].visitorName, "Ava")
        XCTAssertEqual(sessions[0].messages, 12)
        XCTAssertEqual(sessions[0].lastAt, Timestamp(rfc3339: "2026-11-22T23:14:05.123Z"))
    }

    func testOfferAssignedMessageAck() {
        guard case .offer(let offer) = ServerFrame.parse(#"""
        {"type":"offer","session":"s1","site":"demo","summary":{"session":"s1","site":"demo"},
         "history":[{"seq":1,"from":"bot","name":"Demo Dental","text":"Hi","at":"2026-11-22T23:14:05.123Z"},{"bad":true}],
         "expires_at":"2026-11-22T23:14:25.123Z"}
        """#) else { return XCTFail() }
        XCTAssertEqual(offer.history.count, 1, "entries that are not messages are skipped")
        XCTAssertNotNil(offer.expiresAt)

        XCTAssertEqual(ServerFrame.parse(#"{"type":"message","session":"s1","seq":4,"from":"visitor","text":"hi"}"#),
                       .message(session: "s1", ChatMessage(seq: 4, from: "visitor", text: "hi")))
        XCTAssertEqual(ServerFrame.parse(#"{"type":"ack","session":"s1","id":"a-2"}"#), .ack(session: "s1", id: "a-2", seq: nil))
        XCTAssertEqual(ServerFrame.parse(#"{"type":"typing","session":"s1","from":"visitor","on":true}"#),
                       .typing(session: "s1", from: "visitor", on: true))
        XCTAssertEqual(ServerFrame.parse(#"{"type":"ended","session":"s1","reason":"agent_closed"}"#),
                       .ended(session: "s1", reason: "agent_closed"))
        XCTAssertEqual(ServerFrame.parse(#"{"type":"error","code":"not_assigned","message":"no","ref":"a-3"}"#),
                       .error(code: "not_assigned", message: "no", ref: "a-3"))
    }

    func testEmergencyAlert() {
        guard case .alert(let session, let site, let summary) = ServerFrame.parse(#"""
        {"type":"alert","session":"s1","site":"demo","reason":"emergency","summary":{"session":"s1","site":"demo","site_name":"Demo Dental"}}
        """#) else { return XCTFail() }
        XCTAssertEqual(session, "s1")
        XCTAssertEqual(site, "demo")
        XCTAssertEqual(summary?.siteName, "Demo Dental")
        guard case .malformed = ServerFrame.parse(#"{"type":"alert"}"#) else { return XCTFail("an alert needs its session") }
    }

    func testBadFramesAreNotCrashes() {
        for bad in ["", "[]", "{}", #"{"type":7}"#, #"{"type":"message","session":"s"}"#, #"{"type":"offer"}"#,
                    #"{"type":"welcome","agent":{}}"#, #"{"type":"ack"}"#, String(repeating: "[", count: 10_000)] {
            guard case .malformed = ServerFrame.parse(bad) else { return XCTFail(bad) }
        }
        XCTAssertEqual(ServerFrame.parse(#"{"type":"weather","sunny":true}"#), .unknown(type: "weather"))
    }

    func testClientFramesAreJSON() throws {
        let say = try JSONParser.parse(ClientFrames.say(session: "s\"1", id: "a-1", text: "line\nwith \u{1B}[2J"))
        XCTAssertEqual(say["session"]?.stringValue, "s\"1")
        XCTAssertEqual(say["text"]?.stringValue, "line\nwith \u{1B}[2J")
        let lead = try JSONParser.parse(ClientFrames.lead(session: "s", id: "a-2", fields: [LeadField(key: "name", value: "Ava")]))
        XCTAssertEqual(lead["fields"]?["name"]?.stringValue, "Ava")
        let hello = try JSONParser.parse(ClientFrames.hello(token: "tok"))
        XCTAssertEqual(hello["role"]?.stringValue, "agent")
    }
}
