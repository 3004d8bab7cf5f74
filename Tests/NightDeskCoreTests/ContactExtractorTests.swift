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
