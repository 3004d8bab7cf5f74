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

    /// Computed from the zone's offset at that instant rather than through
    /// calendar components: the same answer, several times cheaper.
    func wallMinute(at instant: Date) -> Int {
        wallMinute(atSecond: Self.second(instant, rounded: .down))
    }

    /// Whole seconds since 1970, held within ±3000 years so that no instant,
    /// however odd, can overflow the integer arithmetic that follows.
    private static func second(_ instant: Date, rounded rule: FloatingPointRoundingRule) -> Int {
        let limit = 95_000_000_000.0
        let seconds = instant.timeIntervalSince1970.rounded(rule)
        guard seconds.isFinite else { return 0 }
        return Int(min(max(seconds, -limit), limit))
    }

    private func wallMinute(atSecond second: Int) -> Int {
        Self.wallMinute(atSecond: second, in: timeZone)
    }

    /// The wall minute without a LocalClock (whose Calendar costs more to
    /// make than a one-off answer is worth).
    static func wallMinute(at instant: Date, in zone: TimeZone) -> Int {
        wallMinute(atSecond: second(instant, rounded: .down), in: zone)
    }

    private static func wallMinute(atSecond second: Int, in zone: TimeZone) -> Int {
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(second)))
        return CivilDay.floorDiv(second + offset, 60)
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
        let second = Self.second(guess, rounded: .up)
        guard wallMinute(atSecond: second) > wall else { return guess }
        return firstInstant(reaching: wall, atOrBefore: second)
    }

    /// Binary search for the first second whose wall reading is at least
    /// `wall`; a gap is never longer than a day.
    private func firstInstant(reaching wall: Int, atOrBefore upper: Int) -> Date {
        var high = upper
        var low = high - 86_400
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if wallMinute(atSecond: middle) >= wall {
                high = middle
            } else {
                low = middle
            }
        }
        return Date(timeIntervalSince1970: TimeInterval(high))
    }
}
