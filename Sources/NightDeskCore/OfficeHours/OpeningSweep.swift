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
        let wallNow = clock.wallMinute(at: now)
        let today = CivilDay.floorDiv(wallNow, 1440)
        let (blocks, starts) = Self.blocksByWeekday(hours.weekly)

        var result = Accumulator(now: now, wallNow: wallNow, clock: clock)
        var current: (start: Int, end: Int)?
        // Yesterday's overnight blocks can still be running now.
        for day in (today - 1)...(today + Self.horizonDays) where !hours.closedDates.contains(CivilDay.date(day)) {
            let weekday = CivilDay.weekday(day)
            for block in blocks[starts[weekday]..<starts[weekday + 1]] {
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

    /// Blocks sorted by weekday then start, with where each weekday's run
    /// begins (`starts[weekday]..<starts[weekday + 1]`). Blocks outside the
    /// documented ranges are ignored rather than trusted.
    private static func blocksByWeekday(_ weekly: [OfficeBlock]) -> (blocks: [OfficeBlock], starts: [Int]) {
        // Plain loops: this runs on every visitor hello.
        var blocks: [OfficeBlock] = []
        blocks.reserveCapacity(weekly.count)
        for block in weekly
        where (1...7).contains(block.weekday) && (0..<1440).contains(block.startMinute)
            && (0...1440).contains(block.endMinute) {
            blocks.append(block)
        }
        blocks.sort { $0.weekday != $1.weekday ? $0.weekday < $1.weekday : $0.startMinute < $1.startMinute }
        var starts = [Int](repeating: blocks.count, count: 9)
        for index in stride(from: blocks.count - 1, through: 0, by: -1) {
            starts[blocks[index].weekday] = index
        }
        // A weekday with no blocks starts where the next one does.
        for weekday in stride(from: 7, through: 1, by: -1) where starts[weekday] > starts[weekday + 1] {
            starts[weekday] = starts[weekday + 1]
        }
        return (blocks, starts)
    }
}

/// Folds merged openings, in order, into an `OfficeStatus`.
private struct Accumulator {
    let now: Date
    /// The wall minute `now` falls in.
    let wallNow: Int
    let clock: LocalClock
    var isOpen = false
    var nextOpen: Date?
    /// End of the latest opening seen, as an instant.
    var coveredUntil: Date?

    init(now: Date, wallNow: Int, clock: LocalClock) {
        self.now = now
        self.wallNow = wallNow
        self.clock = clock
    }

    var status: OfficeStatus { OfficeStatus(isOpen: isOpen, nextOpen: nextOpen) }

    /// Returns true once the next opening is known.
    mutating func add(wallStart: Int, wallEnd: Int) -> Bool {
        // Ended by the minute `now` is in, so it neither covers `now` nor
        // touches anything that starts later: skip the conversions.
        if wallEnd <= wallNow { return false }
        let start = clock.instant(atWallMinute: wallStart)
        // The whole opening lies in a spring-forward gap: it never happens.
        guard clock.wallMinute(at: start) < wallEnd else { return false }
        if start > now, coveredUntil.map({ start > $0 }) ?? true {
            nextOpen = start
            return true
        }
        let end = clock.instant(atWallMinute: wallEnd)
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
