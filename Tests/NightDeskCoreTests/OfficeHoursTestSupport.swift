import Foundation
import NightDeskCore

/// Builders shared by the office-hours tests.
enum OfficeHoursFixture {
    static func zone(_ identifier: String) -> TimeZone {
        guard let zone = TimeZone(identifier: identifier) else {
            preconditionFailure("test zone \(identifier) missing from this system")
        }
        return zone
    }

    static func calendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// An instant given as UTC wall time.
    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> Date {
        instant(in: zone("UTC"), year, month, day, hour, minute)
    }

    /// An instant given as wall time in `zone` (first occurrence if repeated).
    static func instant(
        in zone: TimeZone, _ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0
    ) -> Date {
        let parts = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)
        guard let date = calendar(zone).date(from: parts) else {
            preconditionFailure("no such date \(parts)")
        }
        return date
    }

    static func hours(_ text: String, zone identifier: String, closed: [String] = []) -> OfficeHours {
        do {
            let weekly = try WeeklyHoursParser.parse(text)
            return OfficeHours(timeZone: zone(identifier), weekly: weekly, closedDates: Set(closed.compactMap(LocalDate.init)))
        } catch {
            preconditionFailure("test hours \(text) do not parse: \(error)")
        }
    }
}
