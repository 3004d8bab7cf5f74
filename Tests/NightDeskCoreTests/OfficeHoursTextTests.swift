import XCTest
import NightDeskCore

/// The weekly hours text: what it accepts and what it says when it refuses.
final class OfficeHoursTextTests: XCTestCase {
    private func blocks(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [OfficeBlock] {
        do {
            return try WeeklyHoursParser.parse(text)
        } catch {
            XCTFail("\(text): \(error)", file: file, line: line)
            return []
        }
    }

    private func problem(_ text: String) -> String? {
        do {
            _ = try WeeklyHoursParser.parse(text)
            return nil
        } catch {
            return error.message
        }
    }

    private func block(_ weekday: Int, _ start: String, _ end: String) -> OfficeBlock {
        func minutes(_ time: String) -> Int {
            let parts = time.split(separator: ":").compactMap { Int($0) }
            return parts.count == 2 ? parts[0] * 60 + parts[1] : -1
        }
        return OfficeBlock(weekday: weekday, startMinute: minutes(start), endMinute: minutes(end))
    }

    func testDayRangesAndSeveralEntries() {
        XCTAssertEqual(blocks("mon-fri 08:00-17:00, sat 09:00-13:00"), [
            block(1, "08:00", "17:00"), block(2, "08:00", "17:00"), block(3, "08:00", "17:00"),
            block(4, "08:00", "17:00"), block(5, "08:00", "17:00"), block(6, "09:00", "13:00"),
        ])
    }

    func testSeveralRangesADayAndSemicolons() {
        XCTAssertEqual(blocks("mon-thu 08:00-12:00 13:00-18:00; fri 08:00-14:00"), [
            block(1, "08:00", "12:00"), block(1, "13:00", "18:00"), block(2, "08:00", "12:00"),
            block(2, "13:00", "18:00"), block(3, "08:00", "12:00"), block(3, "13:00", "18:00"),
            block(4, "08:00", "12:00"), block(4, "13:00", "18:00"), block(5, "08:00", "14:00"),
        ])
    }

    func testOvernightWrappingAndMidnight() {
        XCTAssertEqual(blocks("sun-sat 22:00-06:00").count, 7)
        XCTAssertEqual(blocks("sun-sat 22:00-06:00").first, block(7, "22:00", "06:00"))
        XCTAssertEqual(blocks("fri-mon 10:00-11:00").map(\.weekday), [5, 6, 7, 1])
        XCTAssertEqual(blocks("wed 00:00-24:00"), [block(3, "00:00", "24:00")])
        XCTAssertEqual(blocks("Monday 8:00-9:30 TUE 10:00-11:00"), [block(1, "08:00", "09:30"), block(2, "10:00", "11:00")])
        XCTAssertEqual(blocks("mon – fri 08:00 - 17:00,").count, 5)
    }

    func testClosedAndEmptyMeanNeverOpen() {
        XCTAssertEqual(blocks("closed"), [])
        XCTAssertEqual(blocks("Closed"), [])
        XCTAssertEqual(blocks(""), [])
        XCTAssertEqual(blocks("   "), [])
    }

    func testProblemsSayWhatIsWrong() {
        XCTAssertEqual(problem("mon 08:00-25:00"), "'25:00' is not a time; use HH:MM between 00:00 and 24:00")
        XCTAssertEqual(problem("mon 8am-5pm"), "'8am' is not a time; use HH:MM between 00:00 and 24:00")
        XCTAssertEqual(problem("mon 08:60-09:00"), "'08:60' is not a time; use HH:MM between 00:00 and 24:00")
        XCTAssertEqual(problem("mon 24:00-06:00"), "'24:00' can only end a range; a day starts at 00:00")
        XCTAssertEqual(problem("fry 08:00-17:00"), "'fry' is not a day; use mon, tue, wed, thu, fri, sat or sun")
        XCTAssertEqual(problem("mon-fri"), "'mon-fri' has no hours; add a range like mon-fri 08:00-17:00")
        XCTAssertEqual(problem("mon-fri, sat 09:00-10:00"), "'mon-fri' has no hours before ','; add a range like mon-fri 08:00-17:00")
        XCTAssertEqual(problem("mon 08:00"), "'08:00' needs an end time, like 08:00-17:00")
        XCTAssertEqual(problem("mon 08:00-"), "'08:00' needs an end time, like 08:00-17:00")
        XCTAssertEqual(problem("08:00-17:00"), "expected a day before '08:00', like 'mon-fri 08:00-17:00'")
        XCTAssertEqual(problem("mon- 08:00-17:00"), "expected a day after 'mon-', like 'mon-fri'")
        XCTAssertEqual(problem("closed, mon 08:00-09:00"), "'closed' means never open and must stand alone; remove it or the hours")
        XCTAssertEqual(
            problem("mon 08:00-17:00 / tue"),
            "'/' does not belong in office hours; write them like 'mon-fri 08:00-17:00, sat 09:00-13:00'"
        )
        XCTAssertNotNil(problem("mon 08:00-17:00 \u{0}"))
        XCTAssertNotNil(problem(String(repeating: "mon ", count: 100_000)))
    }
}
