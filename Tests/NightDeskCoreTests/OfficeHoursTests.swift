import Foundation
import XCTest
import NightDeskCore

final class OfficeHoursTests: XCTestCase {
    private typealias F = OfficeHoursFixture
    private let newYork = F.zone("America/New_York")

    private func assertStatus(
        _ hours: OfficeHours, at instant: Date, open: Bool, next: Date?,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        let status = hours.status(at: instant)
        XCTAssertEqual(status.isOpen, open, "isOpen at \(instant)", file: file, line: line)
        XCTAssertEqual(status.nextOpen, next, "nextOpen at \(instant)", file: file, line: line)
    }

    private func ny(_ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0, year: Int = 2026) -> Date {
        F.instant(in: newYork, year, month, day, hour, minute)
    }

    func testWeekdayHoursOpenAndCloseOnTheMinute() {
        let hours = F.hours("mon-fri 08:00-17:00, sat 09:00-13:00", zone: "America/New_York")
        // Monday 2026-03-02, Eastern Standard Time.
        assertStatus(hours, at: ny(3, 2, 7, 59), open: false, next: ny(3, 2, 8))
        assertStatus(hours, at: ny(3, 2, 8), open: true, next: ny(3, 3, 8))
        assertStatus(hours, at: ny(3, 2, 16, 59), open: true, next: ny(3, 3, 8))
        assertStatus(hours, at: ny(3, 2, 17), open: false, next: ny(3, 3, 8))
        assertStatus(hours, at: ny(3, 2, 23, 59), open: false, next: ny(3, 3, 8))
        assertStatus(hours, at: ny(3, 6, 18), open: false, next: ny(3, 7, 9))
        assertStatus(hours, at: ny(3, 7, 12, 59), open: true, next: ny(3, 9, 8))
        XCTAssertEqual(ny(3, 2, 8), F.utc(2026, 3, 2, 13))
    }

    func testNextOpenAcrossTheWeekend() {
        let hours = F.hours("mon-fri 08:00-17:00", zone: "America/New_York")
        let monday = ny(3, 16, 8)
        assertStatus(hours, at: ny(3, 13, 17), open: false, next: monday)
        assertStatus(hours, at: ny(3, 14, 12), open: false, next: monday)
        assertStatus(hours, at: ny(3, 15, 23, 59), open: false, next: monday)
        // A sub-minute instant just before opening.
        assertStatus(hours, at: monday.addingTimeInterval(-0.5), open: false, next: monday)
        assertStatus(hours, at: monday, open: true, next: ny(3, 17, 8))
    }

    func testNextOpenSkipsHolidays() {
        let hours = F.hours("mon-fri 08:00-17:00", zone: "America/New_York", closed: ["2026-12-25", "2026-12-28"])
        assertStatus(hours, at: ny(12, 24, 17, 30), open: false, next: ny(12, 29, 8))
        assertStatus(hours, at: ny(12, 25, 10), open: false, next: ny(12, 29, 8))
        assertStatus(hours, at: ny(12, 24, 10), open: true, next: ny(12, 29, 8))
    }

    func testClosedDateCountsForTheDayABlockStarts() {
        let hours = F.hours("sun-sat 22:00-06:00", zone: "America/New_York", closed: ["2026-12-25"])
        // The shift that started on the 24th runs into the holiday...
        assertStatus(hours, at: ny(12, 24, 23), open: true, next: ny(12, 26, 22))
        assertStatus(hours, at: ny(12, 25, 3), open: true, next: ny(12, 26, 22))
        // ...but none starts on it.
        assertStatus(hours, at: ny(12, 25, 7), open: false, next: ny(12, 26, 22))
        assertStatus(hours, at: ny(12, 25, 23), open: false, next: ny(12, 26, 22))
        assertStatus(hours, at: ny(12, 26, 3), open: false, next: ny(12, 26, 22))
        assertStatus(hours, at: ny(12, 26, 22), open: true, next: ny(12, 27, 22))
    }

    func testOvernightBlocks() {
        let nightly = F.hours("sun-sat 22:00-06:00", zone: "America/New_York")
        assertStatus(nightly, at: ny(5, 5, 5, 59), open: true, next: ny(5, 5, 22))
        assertStatus(nightly, at: ny(5, 5, 6), open: false, next: ny(5, 5, 22))
        assertStatus(nightly, at: ny(5, 5, 21), open: false, next: ny(5, 5, 22))
        assertStatus(nightly, at: ny(5, 5, 22), open: true, next: ny(5, 6, 22))

        // Friday night into Saturday; 2026-05-08 is a Friday.
        let friday = F.hours("fri 22:00-02:00", zone: "America/New_York")
        assertStatus(friday, at: ny(5, 9, 1), open: true, next: ny(5, 15, 22))
        assertStatus(friday, at: ny(5, 9, 2), open: false, next: ny(5, 15, 22))

        // Equal start and end: a 24-hour shift.
        let day = F.hours("wed 09:00-09:00", zone: "America/New_York")
        assertStatus(day, at: ny(5, 7, 8, 59), open: true, next: ny(5, 13, 9))
        assertStatus(day, at: ny(5, 7, 9), open: false, next: ny(5, 13, 9))
    }

    func testSeveralBlocksADay() {
        let hours = F.hours("mon-thu 08:00-12:00 13:00-18:00; fri 08:00-14:00", zone: "America/New_York")
        assertStatus(hours, at: ny(5, 4, 9), open: true, next: ny(5, 4, 13))
        assertStatus(hours, at: ny(5, 4, 12, 30), open: false, next: ny(5, 4, 13))
        assertStatus(hours, at: ny(5, 7, 18), open: false, next: ny(5, 8, 8))
        assertStatus(hours, at: ny(5, 8, 14), open: false, next: ny(5, 11, 8))
    }

    func testTouchingBlocksAreOneOpening() {
        let weekdays = F.hours("mon-fri 00:00-24:00", zone: "America/New_York")
        assertStatus(weekdays, at: ny(5, 6, 12), open: true, next: ny(5, 11, 0))
        assertStatus(weekdays, at: ny(5, 9, 12), open: false, next: ny(5, 11, 0))

        let split = F.hours("sun-sat 22:00-06:00, mon-fri 06:00-09:00", zone: "America/New_York")
        assertStatus(split, at: ny(5, 4, 23), open: true, next: ny(5, 5, 22))
        assertStatus(split, at: ny(5, 5, 8), open: true, next: ny(5, 5, 22))

        let overlapping = F.hours("mon 08:00-12:00, mon 10:00-14:00", zone: "America/New_York")
        assertStatus(overlapping, at: ny(5, 4, 9), open: true, next: ny(5, 11, 8))
        assertStatus(overlapping, at: ny(5, 4, 13), open: true, next: ny(5, 11, 8))
    }

    func testAlwaysAndNeverOpen() {
        let always = F.hours("sun-sat 00:00-24:00", zone: "America/New_York")
        assertStatus(always, at: ny(5, 4, 3), open: true, next: nil)
        let never = F.hours("closed", zone: "America/New_York")
        assertStatus(never, at: ny(5, 4, 3), open: false, next: nil)
        let allHoliday = F.hours("mon 08:00-17:00", zone: "UTC", closed: (0..<60).map {
            let date = F.utc(2026, 5, 4).addingTimeInterval(TimeInterval($0 * 7 * 86400))
            let parts = F.calendar(F.zone("UTC")).dateComponents([.year, .month, .day], from: date)
            return LocalDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0).description
        })
        assertStatus(allHoliday, at: F.utc(2026, 5, 1), open: false, next: nil)
    }

    func testLookaheadIsAboutAYear() {
        // Every Monday closed for years, except 2027-01-11.
        let utc = F.calendar(F.zone("UTC"))
        let closed = (0..<400).map { week -> LocalDate in
            let date = F.utc(2026, 1, 5).addingTimeInterval(TimeInterval(week * 7 * 86400))
            let parts = utc.dateComponents([.year, .month, .day], from: date)
            return LocalDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0)
        }.filter { $0 != LocalDate(year: 2027, month: 1, day: 11) }
        let hours = OfficeHours(
            timeZone: F.zone("UTC"), weekly: [OfficeBlock(weekday: 1, startMinute: 480, endMinute: 1020)],
            closedDates: Set(closed)
        )
        XCTAssertEqual(hours.status(at: F.utc(2026, 1, 12)).nextOpen, F.utc(2027, 1, 11, 8))
        XCTAssertNil(hours.status(at: F.utc(2026, 1, 2)).nextOpen)
    }

    func testIgnoresBlocksOutsideTheDocumentedRanges() {
        let hours = OfficeHours(timeZone: F.zone("UTC"), weekly: [
            OfficeBlock(weekday: 0, startMinute: 0, endMinute: 600),
            OfficeBlock(weekday: 8, startMinute: 0, endMinute: 600),
            OfficeBlock(weekday: 1, startMinute: -5, endMinute: 600),
            OfficeBlock(weekday: 1, startMinute: 1440, endMinute: 600),
            OfficeBlock(weekday: 1, startMinute: 60, endMinute: 5000),
        ])
        XCTAssertEqual(hours.status(at: F.utc(2026, 5, 4, 2)), OfficeStatus(isOpen: false, nextOpen: nil))
    }
}
