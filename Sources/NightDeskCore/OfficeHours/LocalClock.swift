import Foundation

/// Converts between instants and a site's local wall clock, counted in
/// minutes since 1970-01-01 00:00 local time ("wall minutes").
///
/// A wall minute maps to the earliest instant at which the clock reads that
/// minute or later. So a wall time that occurs twice (autumn fall-back) means
/// its first occurrence, and a wall time skipped by a spring-forward gap means
/// the first instant after the gap: the instant `Calendar.nextDate(after:
/// matching:matchingPolicy: .nextTime)` gives. An office that "opens at 02:30"
/// on a night the clock jumps from 02:00 to 03:00 is open from 03:00, because
/// that is when its clock first shows a time past 02:30.
struct LocalClock {
    let timeZone: TimeZone
    private let calendar: Calendar

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    func wallMinute(at instant: Date) -> Int {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        let date = LocalDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
        return CivilDay.number(of: date) * 1440 + (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
    }

    func instant(atWallMinute wall: Int) -> Date {
        let dayNumber = CivilDay.floorDiv(wall, 1440)
        let minuteOfDay = wall - dayNumber * 1440
        let date = CivilDay.date(dayNumber)
        let parts = DateComponents(
            year: date.year, month: date.month, day: date.day,
            hour: minuteOfDay / 60, minute: minuteOfDay % 60
        )
        guard let guess = calendar.date(from: parts) else {
            // Not expected for Gregorian dates; the zone's current offset is
            // the least surprising answer.
            return Date(timeIntervalSince1970: TimeInterval(wall * 60 - timeZone.secondsFromGMT()))
        }
        // Foundation resolves a skipped time by keeping its distance past the
        // gap's start (02:30 -> 03:30); we want the end of the gap instead.
        guard wallMinute(at: guess) > wall else { return guess }
        return firstInstant(reaching: wall, before: guess)
    }

    /// Binary search for the first second whose wall reading is at least
    /// `wall`; a gap is never longer than a day.
    private func firstInstant(reaching wall: Int, before upper: Date) -> Date {
        var high = Int(upper.timeIntervalSince1970.rounded(.up))
        var low = high - 86_400
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if wallMinute(at: Date(timeIntervalSince1970: TimeInterval(middle))) >= wall {
                high = middle
            } else {
                low = middle
            }
        }
        return Date(timeIntervalSince1970: TimeInterval(high))
    }
}
