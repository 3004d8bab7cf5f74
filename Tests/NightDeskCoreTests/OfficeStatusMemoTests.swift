@testable import NightDeskCore
import XCTest

final class OfficeStatusMemoTests: XCTestCase {
    /// Every 7 seconds through a day with openings on a half-hour zone and a
    /// DST change: the memo agrees with working it out afresh.
    func testTheMemoAgreesWithTheFullAnswerThroughADay() {
        for zone in ["Asia/Kolkata", "America/New_York"] {
            var site = demoSite()
            site.officeHours = OfficeHoursFixture.hours("Mon-Fri 08:00-12:30, Mon-Fri 13:15-17:00, Sun 01:30-03:00", zone: zone)
            var memo = OfficeStatusMemo()
            // 2026-11-01 is the New York fall-back Sunday.
            let start = Timestamp(OfficeHoursFixture.utc(2026, 11, 1, 0, 0))
            var changes = 0
            var last: OfficeStatus?
            for step in 0..<(2 * 86_400 / 7) {
                let now = Timestamp(milliseconds: start.milliseconds + Int64(step) * 7_000 + 123)
                let expected = site.officeHours.status(at: now.date)
                XCTAssertEqual(memo.status(of: site, at: now), expected, "\(zone) at \(now.rfc3339)")
                if last != expected { changes += 1 }
                last = expected
            }
            XCTAssertGreaterThan(changes, 4, "the day must open and close for this test to mean anything")
        }
    }

    func testNewHoursForTheSameSiteAreNotAnsweredFromTheMemo() {
        var site = demoSite()
        site.officeHours = OfficeHoursFixture.hours("Mon-Sun 00:00-24:00", zone: "UTC")
        var memo = OfficeStatusMemo()
        let now = Timestamp(OfficeHoursFixture.utc(2026, 11, 23, 2, 0))
        XCTAssertTrue(memo.status(of: site, at: now).isOpen)
        site.officeHours = OfficeHoursFixture.hours("closed", zone: "UTC")
        XCTAssertFalse(memo.status(of: site, at: now).isOpen)
    }
}
