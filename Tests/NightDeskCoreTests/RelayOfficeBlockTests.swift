import NightDeskCore
import XCTest

/// The `office` block of `welcome` comes from the site's calendar, in its
/// own time zone, across daylight-saving changes.
final class RelayOfficeBlockTests: XCTestCase {
    private func office(at instant: String) throws -> JSONValue {
        let h = RelayHarness()
        h.clock.set(instant)
        return try XCTUnwrap(h.hello(1).ofType("welcome").first?["office"])
    }

    func testNextOpeningAcrossTheEndOfDaylightSavingTime() throws {
        // Saturday 31 Oct 2026, 16:00 EDT; clocks go back on Sunday 1 Nov.
        let block = try office(at: "2026-10-31T20:00:00.000Z")
        XCTAssertEqual(block["open"], .bool(false))
        XCTAssertEqual(block["next_open"], .string("2026-11-02T13:00:00.000Z"), "08:00 EST is 13:00 UTC")
    }

    func testNextOpeningTheWeekBeforeIsInDaylightTime() throws {
        let block = try office(at: "2026-10-24T20:00:00.000Z")
        XCTAssertEqual(block["next_open"], .string("2026-10-26T12:00:00.000Z"), "08:00 EDT is 12:00 UTC")
    }

    func testOpenDuringOfficeHoursWithTheNextOpeningTomorrow() throws {
        // Tuesday 10 Nov 2026, 10:00 EST.
        let block = try office(at: "2026-11-10T15:00:00.000Z")
        XCTAssertEqual(block["open"], .bool(true))
        XCTAssertEqual(block["next_open"], .string("2026-11-11T13:00:00.000Z"))
    }
}
