/// Reads a week of office hours written the way a practice would say them:
///
///     mon-fri 08:00-17:00, sat 09:00-13:00
///     mon-thu 08:00-12:00 13:00-18:00; fri 08:00-14:00
///     sun-sat 22:00-06:00        (overnight: ends the next morning)
///     closed                     (or empty: never open)
///
/// Days are `mon tue wed thu fri sat sun` (full names too, any case); a day
/// range may wrap (`fri-mon`). Entries are separated by `,` or `;`, or simply
/// follow one another. `24:00` may end a range. A range whose end is at or
/// before its start runs past midnight into the next day.
public enum WeeklyHoursParser {
    public static func parse(_ text: String) throws(WeeklyHoursError) -> [OfficeBlock] {
        var tokens = try HoursToken.split(text)[...]
        if tokens.isEmpty { return [] }
        if tokens.contains(where: { $0.isClosed }) {
            guard tokens.count == 1 else {
                throw WeeklyHoursError("'closed' means never open and must stand alone; remove it or the hours")
            }
            return []
        }
        var blocks: [OfficeBlock] = []
        while let first = tokens.first {
            if case .separator = first {
                tokens.removeFirst()
                continue
            }
            let days = try readDays(&tokens)
            let ranges = try readRanges(&tokens, after: days.text)
            for day in days.weekdays {
                for range in ranges {
                    blocks.append(OfficeBlock(weekday: day, startMinute: range.start, endMinute: range.end))
                }
            }
        }
        return blocks
    }

    private static let dayNames: [(short: String, long: String)] = [
        ("mon", "monday"), ("tue", "tuesday"), ("wed", "wednesday"), ("thu", "thursday"),
        ("fri", "friday"), ("sat", "saturday"), ("sun", "sunday"),
    ]

    private static func weekday(_ word: String) throws(WeeklyHoursError) -> Int {
        let lowered = word.lowercased()
        guard let index = dayNames.firstIndex(where: { $0.short == lowered || $0.long == lowered }) else {
            throw WeeklyHoursError("\(word.quotedForMessage) is not a day; use mon, tue, wed, thu, fri, sat or sun")
        }
        return index + 1
    }

    private static func readDays(
        _ tokens: inout ArraySlice<HoursToken>
    ) throws(WeeklyHoursError) -> (weekdays: [Int], text: String) {
        guard case .word(let firstWord)? = tokens.first else {
            let found = tokens.first.map { $0.text } ?? ""
            throw WeeklyHoursError("expected a day before \(found.quotedForMessage), like 'mon-fri 08:00-17:00'")
        }
        tokens.removeFirst()
        let first = try weekday(firstWord)
        guard case .dash? = tokens.first else { return ([first], firstWord) }
        tokens.removeFirst()
        guard case .word(let lastWord)? = tokens.popFirst() else {
            throw WeeklyHoursError("expected a day after '\(firstWord)-', like 'mon-fri'")
        }
        let last = try weekday(lastWord)
        var days = [first]
        var day = first
        while day != last {
            day = day % 7 + 1
            days.append(day)
        }
        return (days, "\(firstWord)-\(lastWord)")
    }

    private static func readRanges(
        _ tokens: inout ArraySlice<HoursToken>, after days: String
    ) throws(WeeklyHoursError) -> [(start: Int, end: Int)] {
        var ranges: [(start: Int, end: Int)] = []
        while case .time(let startText)? = tokens.first {
            tokens.removeFirst()
            let start = try minutes(startText)
            guard start < 1440 else {
                throw WeeklyHoursError("'\(startText)' can only end a range; a day starts at 00:00")
            }
            guard case .dash? = tokens.popFirst(), case .time(let endText)? = tokens.popFirst() else {
                throw WeeklyHoursError("'\(startText)' needs an end time, like \(startText)-17:00")
            }
            ranges.append((start, try minutes(endText)))
        }
        if ranges.isEmpty {
            if let next = tokens.first, case .word = next {
                throw WeeklyHoursError("'\(days)' has no hours; add a range like \(days) 08:00-17:00")
            }
            let found = tokens.first.map { " before \($0.text.quotedForMessage)" } ?? ""
            throw WeeklyHoursError("'\(days)' has no hours\(found); add a range like \(days) 08:00-17:00")
        }
        return ranges
    }

    /// `H:MM` or `HH:MM`, 00:00 through 24:00.
    private static func minutes(_ text: String) throws(WeeklyHoursError) -> Int {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let isDigits = { (part: Substring) in part.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } }
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              isDigits(parts[0]), isDigits(parts[1]),
              let hour = Int(parts[0]), let minute = Int(parts[1]),
              minute < 60, hour < 24 || (hour == 24 && minute == 0)
        else {
            throw WeeklyHoursError("\(text.quotedForMessage) is not a time; use HH:MM between 00:00 and 24:00")
        }
        return hour * 60 + minute
    }
}
