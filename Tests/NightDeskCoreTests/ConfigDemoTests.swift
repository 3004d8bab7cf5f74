import Foundation
import XCTest
import NightDeskCore

final class ConfigDemoTests: XCTestCase {
    func testDemoTextParsesWithoutProblems() throws {
        let parsed = try NightDeskConfig.parse(NightDeskConfig.demoText, source: "demo.toml")
        XCTAssertEqual(parsed, NightDeskConfig.demo)
    }

    func testDemoSite() throws {
        let demo = NightDeskConfig.demo
        XCTAssertEqual(demo.settings, ServerSettings())
        XCTAssertEqual(demo.sites.map(\.id), ["demo"])
        let site = try XCTUnwrap(demo.site("demo"))
        XCTAssertEqual(site.name, "Demo Dental")
        XCTAssertEqual(site.phone, "+1 555 0100")
        XCTAssertEqual(site.emergencyPhone, "911")
        XCTAssertEqual(site.tagline, "Gentle dentistry for the whole family")
        XCTAssertEqual(site.logo, "/logo.svg")
        XCTAssertEqual(site.officeHours.timeZone.identifier, "America/New_York")
        XCTAssertEqual(site.officeHours.weekly, try WeeklyHoursParser.parse("mon-fri 08:00-17:00, sat 09:00-13:00"))
        XCTAssertEqual(site.allowedOrigins, [])
        XCTAssertEqual(site.idleTimeout, 900)
    }

    func testDemoHolidays() throws {
        let closed = try XCTUnwrap(NightDeskConfig.demo.site("demo")).officeHours.closedDates
        XCTAssertEqual(closed.count, 26)
        let expected = [
            "2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03", "2026-09-07",
            "2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25", "2027-01-01", "2027-01-18", "2027-02-15",
            "2027-05-31", "2027-06-18", "2027-07-05", "2027-09-06", "2027-10-11", "2027-11-11", "2027-11-25",
            "2027-12-24", "2027-12-31",
        ]
        for date in expected {
            XCTAssertTrue(closed.contains { $0.description == date }, date)
        }
        // Observed holidays fall on weekdays; the office is shut on Sundays anyway.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = OfficeHoursFixture.zone("UTC")
        for date in closed {
            let instant = OfficeHoursFixture.utc(date.year, date.month, date.day, 12)
            XCTAssertNotEqual(calendar.component(.weekday, from: instant), 1, "\(date) is a Sunday")
        }
    }

    func testDemoOfficeIsClosedOnChristmas() throws {
        let hours = try XCTUnwrap(NightDeskConfig.demo.site("demo")).officeHours
        let zone = hours.timeZone
        let status = hours.status(at: OfficeHoursFixture.instant(in: zone, 2026, 12, 25, 10))
        XCTAssertEqual(status, OfficeStatus(isOpen: false, nextOpen: OfficeHoursFixture.instant(in: zone, 2026, 12, 26, 9)))
    }

    /// Every commented-out example in the demo is itself valid when uncommented.
    func testDemoExamplesAreValidWhenUncommented() throws {
        let lines = NightDeskConfig.demoText.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard line.hasPrefix("# "), let equals = line.range(of: " = ") else { return line }
            let key = line[line.index(line.startIndex, offsetBy: 2)..<equals.lowerBound]
            return key.allSatisfy({ $0.isLowercase || $0 == "_" }) ? line.dropFirst(2) : line
        }
        let config = try NightDeskConfig.parse(lines.joined(separator: "\n"), source: "uncommented.toml")
        XCTAssertEqual(config.settings.tlsKey, "/etc/nightdesk/key.pem")
        XCTAssertEqual(config.settings.publicDirectory, "Public")
        XCTAssertEqual(config.sites.first?.allowedOrigins.count, 2)
    }
}
