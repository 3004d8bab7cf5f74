@testable import NightDeskCore
import XCTest

final class ContactExtractorTests: XCTestCase {
    func testPhoneNumbersInFreeText() {
        let cases: [(String, String?)] = [
            ("call me at 555-123-4567 please", "555-123-4567"),
            ("(555) 123-4567", "(555) 123-4567"),
            ("+44 20 7946 0958 is my number", "+44 20 7946 0958"),
            ("my number is 5551234567.", "5551234567"),
            ("I'm 34 and it hurts since 2 days", nil),
            ("order 12-34", nil),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(ContactExtractor.phone(in: text), expected, text)
        }
    }

    func testEmailsInFreeText() {
        XCTAssertEqual(ContactExtractor.email(in: "write to ava.stone@example.com."), "ava.stone@example.com")
        XCTAssertEqual(ContactExtractor.email(in: "<ava@mail.example>"), "ava@mail.example")
        XCTAssertNil(ContactExtractor.email(in: "ava@localhost or @handle"))
    }

    func testNames() {
        XCTAssertEqual(ContactExtractor.statedName(in: "Hi, my name is ava stone and I need a cleaning"), "Ava Stone")
        XCTAssertEqual(ContactExtractor.nameAnswer("I'm Jo-Ann"), "Jo-Ann")
        XCTAssertNil(ContactExtractor.nameAnswer("Do you take Delta Dental insurance?"))
    }

    /// The edges of the cheap checks: only a message's start is
    /// lower-cased, a name is split into four pieces at most, and length
    /// is counted in characters, not bytes.
    func testNameAnswerEdges() {
        XCTAssertEqual(ContactExtractor.nameAnswer("MY NAME IS Ava Stone"), "Ava Stone")
        XCTAssertEqual(ContactExtractor.nameAnswer("ava marie stone"), "Ava Marie Stone")
        XCTAssertNil(ContactExtractor.nameAnswer("Ava Marie Jo Stone"))
        let forty = String(repeating: "a", count: 19) + " " + String(repeating: "b", count: 20)
        XCTAssertEqual(ContactExtractor.nameAnswer(forty)?.count, 40)
        XCTAssertNil(ContactExtractor.nameAnswer(forty + "b"))
        let accented = String(repeating: "é", count: 19) + " " + String(repeating: "ñ", count: 20)
        XCTAssertEqual(ContactExtractor.nameAnswer(accented)?.count, 40, "40 characters, 80 bytes")
        XCTAssertEqual(LeadReading.nameAnswer("HELLO, I'm Ava"), "Ava")
        XCTAssertEqual(ContactExtractor.statedName(in: "my name is Ava Marie Stone Smith, hi"), "Ava Marie Stone")
    }

    func testEmergencyWordsMatchWhateverTheCaseOrApostrophe() {
        XCTAssertTrue(EmergencyWords.matches("I CAN’T BREATHE"))
        XCTAssertTrue(EmergencyWords.matches("my face is swelling up"))
        XCTAssertFalse(EmergencyWords.matches("I'd like a cleaning"))
    }

    func testJSONEscapesLineSeparatorsAndControls() {
        XCTAssertEqual(JSONWriter.quoted("a\u{2028}b\u{1}\"é"), "\"a\\u2028b\\u0001\\\"é\"")
        XCTAssertEqual(JSONWriter.quoted("plain"), "\"plain\"")
    }
}
