import Foundation

/// Walks a site's openings day by day from the day before `now`, merging
/// blocks that touch or overlap, to answer "open now?" and "opens next when?".
///
/// Merging happens on wall minutes (plain integers), and only the ends of
/// each merged opening are converted to instants, so a site open around the
/// clock costs two conversions, not two per block per day.
struct OpeningSweep {
    /// How many days past today a next opening is looked for.
    static let horizonDays = 366

    let hours: OfficeHours

    func status(at now: Date) -> OfficeStatus {
        let clock = LocalClock(timeZone: hours.timeZone)
        let today = CivilDay.floorDiv(clock.wallMinute(at: now), 1440)
        let blocksByWeekday = Self.blocksByWeekday(hours.weekly)
        let closedDays = Set(hours.closedDates.map(CivilDay.number(of:)))

        var result = Accumulator(now: now, clock: clock)
        var current: (start: Int, end: Int)?
        // Yesterday's overnight blocks can still be running now.
        for day in (today - 1)...(today + Self.horizonDays) where !closedDays.contains(day) {
            for block in blocksByWeekday[CivilDay.weekday(day)] {
                let start = day * 1440 + block.startMinute
                let end = day * 1440 + (block.endMinute > block.startMinute
                    ? block.endMinute : block.endMinute + 1440)
                if let open = current, start <= open.end {
                    current = (open.start, max(open.end, end))
                    continue
                }
                if let open = current, result.add(wallStart: open.start, wallEnd: open.end) {
                    return result.status
                }
                current = (start, end)
            }
        }
        if let open = current {
            _ = result.add(wallStart: open.start, wallEnd: open.end)
        }
        return result.status
    }

    /// Blocks indexed by ISO weekday (index 0 unused), sorted by start.
    /// Blocks outside the documented ranges are ignored rather than trusted.
    private static func blocksByWeekday(_ weekly: [OfficeBlock]) -> [[OfficeBlock]] {
        var table = [[OfficeBlock]](repeating: [], count: 8)
        for block in weekly
        where (1...7).contains(block.weekday) && (0..<1440).contains(block.startMinute)
            && (0...1440).contains(block.endMinute) {
            table[block.weekday].append(block)
        }
        return table.map { $0.sorted { $0.startMinute < $1.startMinute } }
    }
}

/// Folds merged openings, in order, into an `OfficeStatus`.
private struct Accumulator {
    let now: Date
    let clock: LocalClock
    var isOpen = false
    var nextOpen: Date?
    /// End of the latest opening seen, as an instant.
    var coveredUntil: Date?

    init(now: Date, clock: LocalClock) {
        self.now = now
        self.clock = clock
    }

    var status: OfficeStatus { OfficeStatus(isOpen: isOpen, nextOpen: nextOpen) }

    /// Returns true once the next opening is known.
    mutating func add(wallStart: Int, wallEnd: Int) -> Bool {
        let start = clock.instant(atWallMinute: wallStart)
        let end = clock.instant(atWallMinute: wallEnd)
        // Both ends inside one spring-forward gap: never open.
        guard start < end else { return false }
        if start <= now {
            if now < end { isOpen = true }
            coveredUntil = max(coveredUntil ?? end, end)
            return false
        }
        // Openings apart on the wall clock can still meet as instants when a
        // gap swallows the time between them; that is no new opening.
        if let covered = coveredUntil, start <= covered {
            coveredUntil = max(covered, end)
            return false
        }
        nextOpen = start
        return true
    }
}
