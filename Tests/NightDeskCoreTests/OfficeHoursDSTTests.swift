import Foundation
import XCTest
import NightDeskCore

/// Openings next to daylight saving changes land on the right UTC instant.
final class OfficeHoursDSTTests: XCTestCase {
    private typealias F = OfficeHoursFixture

    func testNewYorkSpringForward() {
        // 2026-03-08 02:00 EST becomes 03:00 EDT (07:00Z).
        let weekdays = F.hours("mon-fri 08:00-17:00", zone: "America/New_York")
        XCTAssertEqual(weekdays.status(at: F.utc(2026, 3, 6, 22)).nextOpen, F.utc(2026, 3, 9, 12))

        // An opening inside the skipped hour starts when the gap ends,
        // which is what Foundation's `.nextTime` policy gives.
        let early = F.hours("sun 02:30-05:00", zone: "America/New_York")
        let midnight = F.utc(2026, 3, 8, 5)
        XCTAssertEqual(early.status(at: midnight), OfficeStatus(isOpen: false, nextOpen: F.utc(2026, 3, 8, 7)))
        let foundation = F.calendar(F.zone("America/New_York")).nextDate(
            after: midnight, matching: DateComponents(hour: 2, minute: 30), matchingPolicy: .nextTime
        )
        XCTAssertEqual(early.status(at: midnight).nextOpen, foundation)
        XCTAssertFalse(early.status(at: F.utc(2026, 3, 8, 6, 59)).isOpen)
        XCTAssertTrue(early.status(at: F.utc(2026, 3, 8, 7)).isOpen)
        XCTAssertFalse(early.status(at: F.utc(2026, 3, 8, 9)).isOpen)

        // A night shift that should end inside the gap ends at the jump.
        let night = F.hours("sat 22:00-02:30", zone: "America/New_York")
        XCTAssertTrue(night.status(at: F.utc(2026, 3, 8, 6, 59)).isOpen)
        XCTAssertFalse(night.status(at: F.utc(2026, 3, 8, 7)).isOpen)
        // An opening wholly inside the gap never happens.
        let lost = F.hours("sun 02:10-02:50", zone: "America/New_York")
        XCTAssertEqual(lost.status(at: F.utc(2026, 3, 8, 5)).nextOpen, F.utc(2026, 3, 15, 6, 10))
    }

    func testNewYorkFallBack() {
        // 2026-11-01 02:00 EDT becomes 01:00 EST (06:00Z).
        let weekdays = F.hours("mon-fri 08:00-17:00", zone: "America/New_York")
        XCTAssertEqual(weekdays.status(at: F.utc(2026, 10, 30, 21)).nextOpen, F.utc(2026, 11, 2, 13))

        // A repeated wall time means its first occurrence; the block then
        // runs through the repeated hour.
        let early = F.hours("sun-sat 01:30-03:00", zone: "America/New_York")
        XCTAssertEqual(early.status(at: F.utc(2026, 11, 1, 4)).nextOpen, F.utc(2026, 11, 1, 5, 30))
        XCTAssertTrue(early.status(at: F.utc(2026, 11, 1, 6, 15)).isOpen)
        XCTAssertEqual(early.status(at: F.utc(2026, 11, 1, 6, 15)).nextOpen, F.utc(2026, 11, 2, 6, 30))
        XCTAssertTrue(early.status(at: F.utc(2026, 11, 1, 7, 59)).isOpen)
        XCTAssertFalse(early.status(at: F.utc(2026, 11, 1, 8)).isOpen)
    }

    func testBerlin() {
        let weekdays = F.hours("mon-fri 09:00-17:00", zone: "Europe/Berlin")
        // 2026-03-29 02:00 CET becomes 03:00 CEST (01:00Z).
        XCTAssertEqual(weekdays.status(at: F.utc(2026, 3, 27, 16)).nextOpen, F.utc(2026, 3, 30, 7))
        let gap = F.hours("sun 02:00-04:00", zone: "Europe/Berlin")
        XCTAssertEqual(gap.status(at: F.utc(2026, 3, 28, 23)).nextOpen, F.utc(2026, 3, 29, 1))
        // 2026-10-25 03:00 CEST becomes 02:00 CET (01:00Z).
        XCTAssertEqual(weekdays.status(at: F.utc(2026, 10, 23, 15)).nextOpen, F.utc(2026, 10, 26, 8))
        let repeated = F.hours("sun 02:30-04:00", zone: "Europe/Berlin")
        XCTAssertEqual(repeated.status(at: F.utc(2026, 10, 24, 22)).nextOpen, F.utc(2026, 10, 25, 0, 30))
        XCTAssertTrue(repeated.status(at: F.utc(2026, 10, 25, 1, 45)).isOpen)
        XCTAssertFalse(repeated.status(at: F.utc(2026, 10, 25, 3)).isOpen)
    }

    func testSydney() {
        let weekdays = F.hours("mon-fri 09:00-17:00", zone: "Australia/Sydney")
        // 2026-04-05 03:00 AEDT becomes 02:00 AEST (04-04 16:00Z).
        XCTAssertEqual(weekdays.status(at: F.utc(2026, 4, 3, 6)).nextOpen, F.utc(2026, 4, 5, 23))
        // 2026-10-04 02:00 AEST becomes 03:00 AEDT (10-03 16:00Z).
        XCTAssertEqual(weekdays.status(at: F.utc(2026, 10, 2, 7)).nextOpen, F.utc(2026, 10, 4, 22))
        let gap = F.hours("sun 02:30-06:00", zone: "Australia/Sydney")
        XCTAssertEqual(gap.status(at: F.utc(2026, 10, 3, 14)).nextOpen, F.utc(2026, 10, 3, 16))
    }

    func testLordHoweHalfHourShift() {
        // 2026-10-04 02:00 +10:30 becomes 02:30 +11:00 (10-03 15:30Z).
        let gap = F.hours("sun 02:15-03:00", zone: "Australia/Lord_Howe")
        XCTAssertEqual(gap.status(at: F.utc(2026, 10, 3, 12)).nextOpen, F.utc(2026, 10, 3, 15, 30))
    }
}
