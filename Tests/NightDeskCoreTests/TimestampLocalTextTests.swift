@testable import NightDeskCore
import XCTest

final class TimestampLocalTextTests: XCTestCase {
    func testWallClockInTheSitesZoneAcrossDaylightSaving() throws {
        let york = try XCTUnwrap(TimeZone(identifier: "America/New_York"))
        let winter = try XCTUnwrap(Timestamp(rfc3339: "2026-11-22T23:14:05.999Z"))
        XCTAssertEqual(winter.localText(in: york, withDate: true), "2026-11-22 18:14:05")
        let summer = try XCTUnwrap(Timestamp(rfc3339: "2026-07-01T03:00:00Z"))
        XCTAssertEqual(summer.localText(in: york, withDate: true), "2026-06-30 23:00:00")
        XCTAssertEqual(summer.localText(in: york, withDate: false), "23:00:00")
        let kolkata = try XCTUnwrap(TimeZone(identifier: "Asia/Kolkata"))
        XCTAssertEqual(winter.localText(in: kolkata, withDate: true), "2026-11-23 04:44:05")
    }

    func testPlainTextKeepsPrintableTextAndDropsControls() {
        XCTAssertEqual(PlainText.strippingControls("call me\tat 5\n"), "call me\tat 5\n")
        XCTAssertEqual(PlainText.strippingControls("a\u{1B}[2Jb\u{202E}c\u{85}d"), "a[2Jbcd")
    }
}
