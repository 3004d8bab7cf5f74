import Foundation
import XCTest
import NightDeskCore

/// Property test: `status(at:)` agrees with a naive minute-by-minute reference
/// built on Foundation's Calendar, all year, in zones with DST changes.
final class OfficeHoursReferenceTests: XCTestCase {
    private typealias F = OfficeHoursFixture

    /// Blocks chosen to start and end around the DST changes (all on Sundays
    /// at 02:00/03:00 in these zones), overlap, touch across midnight and
    /// run overnight.
    private let weeklyText = """
        mon-fri 08:00-12:00 13:00-17:30, fri 17:30-19:00, tue 09:00-10:00, \
        wed 23:00-24:00, thu 00:00-01:00, sat 22:00-02:30, \
        sun 01:00-01:30 02:15-03:45 21:00-21:00
        """
    private let closed = ["2026-03-07", "2026-04-05", "2026-06-01", "2026-10-25", "2026-12-24", "2026-12-25"]

    func testAgreesWithReferenceForAYearInNewYork() {
        check(zone: "America/New_York")
    }

    func testAgreesWithReferenceForAYearInBerlin() {
        check(zone: "Europe/Berlin")
    }

    func testAgreesWithReferenceForAYearInSydney() {
        check(zone: "Australia/Sydney")
    }

    private func check(zone identifier: String) {
        let zone = F.zone(identifier)
        let hours = F.hours(weeklyText, zone: identifier, closed: closed)
        let start = F.instant(in: zone, 2025, 12, 30)
        let minutes = Int(F.instant(in: zone, 2027, 1, 20).timeIntervalSince(start) / 60)
        let open = referenceOpen(hours, from: start, minutes: minutes)

        // For each minute, the first later minute at which the office opens.
        var nextEdge = [Int?](repeating: nil, count: minutes)
        var upcoming: Int?
        for i in stride(from: minutes - 1, through: 0, by: -1) {
            nextEdge[i] = upcoming
            if i > 0, open[i], !open[i - 1] { upcoming = i }
        }

        var mismatches: [String] = []
        var checked = 0
        let firstChecked = 2 * 1440
        let lastChecked = minutes - 15 * 1440
        for i in stride(from: firstChecked, to: lastChecked, by: 7) {
            // Odd samples fall mid-minute.
            let instant = start.addingTimeInterval(TimeInterval(i * 60 + (i % 2 == 0 ? 0 : 29)))
            let expected = OfficeStatus(
                isOpen: open[i], nextOpen: nextEdge[i].map { start.addingTimeInterval(TimeInterval($0 * 60)) }
            )
            let actual = hours.status(at: instant)
            checked += 1
            if actual != expected, mismatches.count < 5 {
                mismatches.append("\(identifier) at \(instant): got \(actual), expected \(expected)")
            }
        }
        XCTAssertGreaterThan(checked, 50_000)
        XCTAssertEqual(mismatches, [])
    }

    /// Open or not for every minute from `start`, judged by the wall clock:
    /// a block on the local date covers its minutes, an overnight block on
    /// the day before covers the morning. When the clock falls back, the
    /// repeated minutes keep the state from before the change, since the
    /// implementation resolves a repeated wall time to its first occurrence.
    private func referenceOpen(_ hours: OfficeHours, from start: Date, minutes: Int) -> [Bool] {
        let calendar = F.calendar(hours.timeZone)
        var blocksOn = [[OfficeBlock]](repeating: [], count: 8)
        for block in hours.weekly { blocksOn[block.weekday].append(block) }
        var open = [Bool](repeating: false, count: minutes)
        var latestWall = Int.min
        // Recomputed when the local date changes.
        var dayKey = -1
        var today: [OfficeBlock] = []
        var yesterday: [OfficeBlock] = []
        for i in 0..<minutes {
            let instant = start.addingTimeInterval(TimeInterval(i * 60))
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: instant)
            let year = parts.year ?? 0, month = parts.month ?? 0, day = parts.day ?? 0
            let minute = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
            let key = (year * 100 + month) * 100 + day
            let wall = key * 10_000 + minute
            if wall <= latestWall {
                open[i] = open[i - 1]
                continue
            }
            latestWall = wall
            if key != dayKey {
                dayKey = key
                let weekday = (parts.weekday ?? 1) == 1 ? 7 : (parts.weekday ?? 1) - 1
                let previous = calendar.dateComponents(
                    [.year, .month, .day], from: calendar.date(byAdding: .day, value: -1, to: instant) ?? instant
                )
                let previousDate = LocalDate(year: previous.year ?? 0, month: previous.month ?? 0, day: previous.day ?? 0)
                let todayDate = LocalDate(year: year, month: month, day: day)
                today = hours.closedDates.contains(todayDate) ? [] : blocksOn[weekday]
                yesterday = hours.closedDates.contains(previousDate) ? [] : blocksOn[weekday == 1 ? 7 : weekday - 1]
            }
            var isOpen = false
            for block in today where minute >= block.startMinute
                && (block.endMinute <= block.startMinute || minute < block.endMinute) {
                isOpen = true
            }
            for block in yesterday where block.endMinute <= block.startMinute && minute < block.endMinute {
                isOpen = true
            }
            open[i] = isOpen
        }
        return open
    }
}
