@testable import nightdesk_agent
import XCTest

final class CommandParserTests: XCTestCase {
    func testPlainTextIsASay() {
        XCTAssertEqual(CommandParser.parse("Hello, Ava!  "), .say("Hello, Ava!"))
        XCTAssertEqual(CommandParser.parse("//etc/passwd is a path"), .say("/etc/passwd is a path"))
        XCTAssertEqual(CommandParser.parse("   "), .empty)
    }

    func testSimpleCommands() {
        XCTAssertEqual(CommandParser.parse("/help"), .action(.help))
        XCTAssertEqual(CommandParser.parse("/AVAILABLE"), .action(.available))
        XCTAssertEqual(CommandParser.parse("/away"), .action(.away))
        XCTAssertEqual(CommandParser.parse("/list"), .action(.list))
        XCTAssertEqual(CommandParser.parse("/quit"), .action(.quit))
        XCTAssertEqual(CommandParser.parse("/accept"), .action(.accept(nil)))
        XCTAssertEqual(CommandParser.parse("/accept #3"), .action(.accept(3)))
        XCTAssertEqual(CommandParser.parse("/decline 2"), .action(.decline(2)))
        XCTAssertEqual(CommandParser.parse("/take 4"), .action(.take(4)))
        XCTAssertEqual(CommandParser.parse("/switch #1"), .action(.switchTo(1)))
        XCTAssertEqual(CommandParser.parse("/release"), .action(.release(nil)))
    }

    func testCloseTakesANumberAndADisposition() {
        XCTAssertEqual(CommandParser.parse("/close booked"), .action(.close(nil, .booked)))
        XCTAssertEqual(CommandParser.parse("/close 2 spam"), .action(.close(2, .spam)))
        XCTAssertEqual(CommandParser.parse("/close callback #3"), .action(.close(3, .callback)))
        guard case .invalid = CommandParser.parse("/close") else { return XCTFail("a disposition is required") }
        guard case .invalid = CommandParser.parse("/close 2 maybe") else { return XCTFail("unknown disposition") }
    }

    func testLeadWithQuotedValues() {
        let parsed = CommandParser.parse(#"/lead name=Ava phone="555 123 4567" reason="needs a \"crown\"" score=HOT"#)
        XCTAssertEqual(parsed, .action(.lead(nil, [
            LeadField(key: "name", value: "Ava"),
            LeadField(key: "phone", value: "555 123 4567"),
            LeadField(key: "reason", value: #"needs a "crown""#),
            LeadField(key: "score", value: "hot"),
        ])))
        XCTAssertEqual(CommandParser.parse("/lead 2 email='a@b.example'"),
                       .action(.lead(2, [LeadField(key: "email", value: "a@b.example")])))
    }

    func testLeadMistakesAreExplained() {
        for bad in ["/lead", "/lead name", "/lead colour=red", "/lead score=lukewarm", #"/lead reason="unclosed"#] {
            guard case .invalid(let message) = CommandParser.parse(bad) else { return XCTFail(bad) }
            XCTAssertFalse(message.isEmpty)
        }
    }

    func testUnknownCommandsAndBadNumbers() {
        for bad in ["/frobnicate", "/take", "/take x", "/switch 0", "/accept 1 2", "/list now"] {
            guard case .invalid = CommandParser.parse(bad) else { return XCTFail(bad) }
        }
    }
}
