import Foundation

/// Whether a site's office is open at an instant, and when it next opens.
public struct OfficeStatus: Sendable, Equatable {
    public var isOpen: Bool
    /// The next instant the office opens; nil when the calendar has no opening
    /// in the next year. When open, the next opening after the current block.
    public var nextOpen: Date?

    public init(isOpen: Bool, nextOpen: Date?) {
        self.isOpen = isOpen
        self.nextOpen = nextOpen
    }
}

/// A site's office calendar: weekly blocks in the site's IANA time zone, and
/// dates when the office is closed all day (holidays, one-off closures).
public struct OfficeHours: Sendable, Equatable {
    public var timeZone: TimeZone
    public var weekly: [OfficeBlock]
    public var closedDates: Set<LocalDate>

    public init(timeZone: TimeZone, weekly: [OfficeBlock], closedDates: Set<LocalDate> = []) {
        self.timeZone = timeZone
        self.weekly = weekly
        self.closedDates = closedDates
    }

    /// Whether the office is open at `instant`, and when it next opens.
    ///
    /// A block occurrence is open from its start to its end on the site's wall
    /// clock, unless the local date it starts on is closed; an overnight block
    /// keeps running into a closed next day. Wall times a DST change skips or
    /// repeats resolve as `LocalClock` documents: a skipped time means the
    /// first instant after the gap, a repeated time its first occurrence.
    /// `nextOpen` is the first instant after `instant` at which a closed office
    /// opens, looking up to 366 days ahead; blocks that touch or overlap count
    /// as one opening, so an open office reports the start after this opening.
    public func status(at instant: Date) -> OfficeStatus {
        OpeningSweep(hours: self).status(at: instant)
    }
}

/// One opening on a weekday, in local wall-clock minutes. `endMinute` may be
/// at or below `startMinute`: the block then runs past midnight into the next day.
public struct OfficeBlock: Sendable, Equatable {
    /// 1 = Monday ... 7 = Sunday (ISO 8601).
    public var weekday: Int
    public var startMinute: Int
    public var endMinute: Int

    public init(weekday: Int, startMinute: Int, endMinute: Int) {
        self.weekday = weekday
        self.startMinute = startMinute
        self.endMinute = endMinute
    }
}

/// A calendar date in a site's own time zone.
public struct LocalDate: Sendable, Hashable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}
