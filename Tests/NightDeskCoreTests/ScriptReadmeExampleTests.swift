@testable import NightDeskCore
import XCTest

/// The conversation the README shows is the one the built-in script has.
final class ScriptReadmeExampleTests: XCTestCase {
    func testTheReadmeConversation() {
        var chat = ScriptConversation()
        XCTAssertEqual(chat.turns[0], ["Hi! Thanks for contacting Demo Dental. We're closed right now and open again on Monday at 8:00 AM. I can take a few details so the team can call you back first thing. What's your name?"])
        XCTAssertEqual(chat.visitor("Hi, I'm Ava Stone. Do you take Delta Dental?"), [
            "We accept most PPO dental plans, including Delta Dental, Cigna and Aetna. The team will check your plan when they call.",
            "Nice to meet you, Ava. Have you been to Demo Dental before, or would you be a new patient?",
        ])
        XCTAssertEqual(chat.visitor("yes"), ["Welcome back! What do you need: an appointment, help with a tooth that's bothering you, or something else?"])
        XCTAssertEqual(chat.visitor("my crown came off, can someone see me this week? 555-201-3344"),
                       ["And when is the best time to call you? Morning, lunchtime or afternoon?"])
        XCTAssertEqual(chat.visitor("mornings"), ["Thank you, Ava! I've passed this to the Demo Dental team: they will call you at 555-201-3344 when we open on Monday at 8:00 AM (best time for you: mornings). To book sooner, call +1 555 0100."])
        let (score, reasons) = chat.scored
        XCTAssertEqual(score, .hot)
        XCTAssertEqual(reasons, ["existing patient", "wants appointment soon", "has phone", "need stated", "best time given"])
        XCTAssertEqual(chat.facts.topics, ["insurance"])
        XCTAssertTrue(chat.facts.isComplete)
    }
}
