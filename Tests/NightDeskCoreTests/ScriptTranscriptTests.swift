@testable import NightDeskCore
import XCTest

/// Realistic after-hours chats through the demo script: what the responder
/// says, what the lead holds, and its score with reasons.
final class ScriptTranscriptTests: XCTestCase {
    struct Case {
        var title: String
        var lines: [String]
        /// Visitor message number (1-based) → text its replies must contain.
        var says: [Int: [String]] = [:]
        /// Text no reply may contain.
        var neverSays: [String] = []
        var name: String??
        var phone: String??
        var email: String??
        var patient: PatientKind??
        var need: String?
        var bestTime: String??
        var urgent = false
        var topics: [String] = []
        var score: LeadScore
        var reasons: [String] = []
        var absentReasons: [String] = []
    }

    static let cases: [Case] = [
        Case(title: "polite, step by step",
             lines: ["Hello, good evening", "Ava Stone", "Yes, I've been a patient for years", "My crown came off this evening",
                     "555-201-3344", "Mornings are best"],
             says: [1: ["didn't catch your name"], 2: ["Nice to meet you, Ava"], 3: ["Welcome back"], 4: ["best phone number"],
                    5: ["best time"], 6: ["call you at 555-201-3344", "Monday at 8:00 AM", "best time for you: Mornings are best", "+1 555 0100"]],
             name: "Ava Stone", phone: "555-201-3344", patient: .existing, need: "crown", bestTime: "Mornings are best",
             score: .hot, reasons: ["existing patient", "has phone", "need stated", "best time given"]),
        Case(title: "terse",
             lines: ["bo", "y", "toothache", "5552013344", "pm"],
             says: [1: ["Nice to meet you, Bo"], 2: ["Welcome back"], 3: ["best phone number"], 5: ["call you at 5552013344"]],
             name: "Bo", phone: "5552013344", patient: .existing, need: "toothache", bestTime: "pm", score: .hot),
        Case(title: "all in one message",
             lines: ["Hi, I'm Ava Stone, existing patient, need a cleaning this week, call me at 555 201 3344"],
             says: [1: ["best time to call"]], neverSays: ["your name", "been to Demo Dental before", "phone number"],
             name: "Ava Stone", phone: "555 201 3344", patient: .existing, need: "cleaning",
             score: .hot, reasons: ["existing patient", "wants appointment soon", "has phone", "need stated"]),
        Case(title: "all in one, new patient with email",
             lines: ["my name is Raj Patel, new patient, looking for invisalign, raj.patel@example.com", "evenings"],
             says: [1: ["best time"], 2: ["email you at raj.patel@example.com"]],
             name: "Raj Patel", email: "raj.patel@example.com", patient: .new, need: "invisalign", bestTime: "evenings",
             score: .warm, reasons: ["new patient", "has email", "need stated"]),
        Case(title: "typos in the number, then fixed",
             lines: ["Dana", "no", "chipped tooth", "555-20", "555-201-3344", "after lunch"],
             says: [4: ["couldn't read that as a number"], 5: ["best time"]],
             name: "Dana", phone: "555-201-3344", patient: .new, need: "chipped", score: .hot),
        Case(title: "typos everywhere",
             lines: ["helo", "its sam", "ya", "my tooth hurst realy bad", "555 201 3344", "mornin"],
             says: [2: ["Nice to meet you, Sam"], 3: ["Welcome back"], 4: ["best phone number"]],
             name: "Sam", phone: "555 201 3344", patient: .existing, need: "tooth", score: .hot),
        Case(title: "refuses to give a phone, gives email instead",
             lines: ["Lee", "new", "whitening", "I'd rather not give my number", "lee@example.org", "any time"],
             says: [4: ["email address"], 5: ["best time"], 6: ["email you at lee@example.org"]],
             name: "Lee", phone: .some(nil), email: "lee@example.org", patient: .new, need: "whitening",
             score: .warm, reasons: ["has email"], absentReasons: ["has phone"]),
        Case(title: "refuses any contact",
             lines: ["Kim", "no", "veneers", "no thanks", "no", "whenever"],
             says: [6: ["get back to you"]],
             name: "Kim", phone: .some(nil), email: .some(nil), need: "veneers",
             score: .cold, reasons: ["no way to call back", "need stated"]),
        Case(title: "email only, given at once",
             lines: ["priya@example.com", "Priya", "yes", "implant consultation", "weekday mornings"],
             says: [1: ["noted", "name"], 5: ["email you at priya@example.com"]],
             name: "Priya", email: "priya@example.com", patient: .existing, need: "implant",
             score: .hot, reasons: ["existing patient", "has email"]),
        Case(title: "implausible email re-asked once",
             lines: ["Omar", "new", "braces for my son", "no phone", "omar@gmail", "omar@gmail.com", "evening"],
             says: [5: ["doesn't look like an email"], 6: ["best time"]],
             name: "Omar", email: "omar@gmail.com", need: "braces", score: .warm),
        Case(title: "existing patient branch",
             lines: ["Grace Kim", "I'm an existing patient", "filling fell out", "(555) 201-3344", "9am"],
             says: [2: ["Welcome back"]], name: "Grace Kim", phone: "(555) 201-3344", patient: .existing, need: "filling",
             score: .hot, reasons: ["existing patient"]),
        Case(title: "new patient branch",
             lines: ["Tom", "first time", "checkup and cleaning", "555 201 3344", "morning"],
             says: [2: ["Welcome!", "check-up"]], name: "Tom", patient: .new, need: "cleaning", score: .hot, reasons: ["new patient"]),
        Case(title: "emergency first message",
             lines: ["my face is swelling and I have a fever", "555 201 3344", "Tom", "no", "now"],
             says: [1: ["call 911 now", "What number"], 2: ["What's your name"]],
             name: "Tom", phone: "555 201 3344", need: "swelling", urgent: true, score: .hot, reasons: ["urgent"]),
        Case(title: "emergency mid-chat is the very next reply",
             lines: ["Ana", "yes", "I think I'm having chest pain"],
             says: [3: ["call 911 now", "What number"]], urgent: true, score: .hot, reasons: ["urgent"]),
        Case(title: "emergency warned once only",
             lines: ["I can't breathe properly", "still can't breathe", "555 201 3344"],
             says: [1: ["911"]], urgent: true, score: .hot),
        Case(title: "suicidal visitor",
             lines: ["I feel suicidal tonight"],
             says: [1: ["call 911 now"]], urgent: true, score: .hot, reasons: ["urgent"]),
        Case(title: "site emergency words: knocked-out tooth",
             lines: ["my son's tooth got knocked out playing hockey"],
             says: [1: ["call 911 now"]], urgent: true, score: .hot),
        Case(title: "Spanish-speaking visitor asks for Spanish",
             lines: ["¿Hablan español?", "Maria Lopez", "no", "limpieza", "+52 55 1234 5678", "tarde"],
             says: [1: ["¡Claro!", "What's your name"], 6: ["+52 55 1234 5678"]],
             name: "Maria Lopez", phone: "+52 55 1234 5678", patient: .new, need: "limpieza",
             topics: ["prefers Spanish"], score: .hot),
        Case(title: "abusive",
             lines: ["you people are useless idiots", "whatever"],
             says: [1: ["here to help"]], name: .some(nil), score: .cold, reasons: ["abusive", "no way to call back"]),
        Case(title: "abusive but with a real need and phone",
             lines: ["this stupid tooth is killing me, call 555 201 3344", "Jim"],
             says: [1: ["here to help"]], name: "Jim", phone: "555 201 3344", score: .hot, reasons: ["abusive", "need stated"]),
        Case(title: "spam links",
             lines: ["cheap meds at http://pills.example", "https://casino.example win now"],
             says: [1: ["can't open links"]], need: nil, score: .cold, reasons: ["spam"]),
        Case(title: "link with a real need is not spam",
             lines: ["saw your page www.demodental.example about whitening, Ann here, 555 201 3344"],
             need: "whitening", score: .hot, absentReasons: ["spam"]),
        Case(title: "insurance question answered, then the question again",
             lines: ["do you take delta dental insurance?"],
             says: [1: ["Delta Dental", "What's your name"]], topics: ["insurance"], score: .cold),
        Case(title: "hours question mid-script",
             lines: ["Eve", "what are your hours?", "yes"],
             says: [2: ["Monday to Friday 8 AM", "Have you been"], 3: ["Welcome back"]], name: "Eve", patient: .existing, score: .cold),
        Case(title: "address and parking",
             lines: ["where are you located and is there parking?"],
             says: [1: ["120 Main Street", "free parking"]], score: .cold),
        Case(title: "price question is noted as a topic",
             lines: ["how much does whitening cost", "Zoe", "no", "555 201 3344"],
             says: [1: ["whitening starts at $350"]], need: "whitening", topics: ["price"], score: .hot),
        Case(title: "wants appointment this week",
             lines: ["Can I get an appointment tomorrow? I'm Ben", "yes", "555 201 3344"],
             name: "Ben", score: .hot, reasons: ["wants appointment soon", "existing patient"]),
        Case(title: "international number",
             lines: ["Hans", "no", "cleaning", "+49 30 12345678", "morgens"],
             phone: "+49 30 12345678", score: .hot),
        Case(title: "name asked twice at most, then the script moves on",
             lines: ["hi", "hi", "no"],
             says: [1: ["didn't catch your name"], 2: ["Have you been"], 3: ["Welcome!"]],
             name: .some(nil), patient: .new, score: .cold),
        Case(title: "declines the name",
             lines: ["I'd rather not say", "yes"],
             says: [1: ["Have you been"]], name: .some(nil), patient: .existing, score: .cold),
        Case(title: "visitor corrects the number",
             lines: ["Liz", "yes", "sensitivity", "555 201 3344", "sorry, it's 555 201 3345", "noon"],
             phone: "555 201 3345", score: .hot),
        Case(title: "after the closing, more details are added",
             lines: ["Ava, existing patient, cleaning, 555 201 3344", "mornings", "also my email is ava@example.com", "what are your hours"],
             says: [2: ["call you at 555 201 3344"], 3: ["added that to your note"], 4: ["Monday to Friday"]],
             email: "ava@example.com", score: .hot),
        Case(title: "question words are not a name",
             lines: ["why?", "who is this"],
             says: [1: ["didn't catch your name"]], name: .some(nil), score: .cold),
        Case(title: "greeting then name",
             lines: ["Hi, it's Maya", "new patient here", "I'd like braces"],
             says: [1: ["Nice to meet you, Maya"], 2: ["Welcome!"], 3: ["best phone number"]],
             name: "Maya", patient: .new, need: "braces", score: .cold, reasons: ["new patient", "need stated"]),
    ]

    func testTranscripts() {
        XCTAssertGreaterThanOrEqual(Self.cases.count, 30)
        for c in Self.cases {
            var chat = ScriptConversation()
            for line in c.lines { chat.visitor(line) }
            let context = "\(c.title)\n\(chat.shown)"
            for (turn, expected) in c.says {
                let said = chat.turns[turn].joined(separator: "\n")
                for text in expected {
                    XCTAssertTrue(said.contains(text), "\(c.title): reply \(turn) lacks \(text.debugDescription)\n\(chat.shown)")
                }
            }
            let everything = chat.turns.dropFirst().flatMap { $0 }.joined(separator: "\n")
            for text in c.neverSays {
                XCTAssertFalse(everything.contains(text), "\(c.title): said \(text.debugDescription)\n\(chat.shown)")
            }
            let facts = chat.facts
            if let name = c.name { XCTAssertEqual(facts.name, name, context) }
            if let phone = c.phone { XCTAssertEqual(facts.phone, phone, context) }
            if let email = c.email { XCTAssertEqual(facts.email, email, context) }
            if let patient = c.patient { XCTAssertEqual(facts.patient, patient, context) }
            if let bestTime = c.bestTime { XCTAssertEqual(facts.bestTime, bestTime, context) }
            if let need = c.need {
                XCTAssertTrue(facts.need?.lowercased().contains(need) == true, "\(c.title): need \(facts.need ?? "nil")\n\(chat.shown)")
            }
            XCTAssertEqual(facts.urgent, c.urgent, context)
            for topic in c.topics { XCTAssertTrue(facts.topics.contains(topic), context) }
            let (score, reasons) = chat.scored
            XCTAssertEqual(score, c.score, "\(c.title): reasons \(reasons)\n\(chat.shown)")
            for reason in c.reasons { XCTAssertTrue(reasons.contains(reason), "\(c.title): reasons \(reasons) lack \(reason)") }
            for reason in c.absentReasons { XCTAssertFalse(reasons.contains(reason), "\(c.title): reasons \(reasons) have \(reason)") }
        }
    }
}
