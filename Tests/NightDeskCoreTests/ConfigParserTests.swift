import Foundation
import XCTest
import NightDeskCore

final class ConfigParserTests: XCTestCase {
    private typealias C = ConfigFixture

    func testTheBriefsExampleParses() throws {
        let text = """
            # NightDesk configuration
            [server]
            host = "127.0.0.1"
            port = 8080
            data = "Transcripts"
            public = "Public"
            tls_cert = "/etc/nightdesk/cert.pem"
            tls_key = "/etc/nightdesk/key.pem"
            max_frame_bytes = 16384
            max_text_chars = 4000
            hello_timeout_seconds = 10
            ping_interval_seconds = 30
            ping_hangup_seconds = 60
            frames_per_minute = 120

            [sites.demo]
            name = "Demo Dental"
            phone = "+1 555 0100"
            emergency_phone = "911"
            tagline = "Gentle care for the whole family"
            logo = "/logo.svg"
            timezone = "America/New_York"
            hours = "mon-fri 08:00-17:00, sat 09:00-13:00"
            closed = ["2026-12-25", "2027-01-01"]
            origins = ["https://demo.example", "http://localhost:8080"]
            idle_timeout_seconds = 900
            """
        let config = try XCTUnwrap(C.config(text))
        var expected = ServerSettings()
        expected.publicDirectory = "Public"
        expected.tlsCertificate = "/etc/nightdesk/cert.pem"
        expected.tlsKey = "/etc/nightdesk/key.pem"
        XCTAssertEqual(config.settings, expected)
        let site = try XCTUnwrap(config.site("demo"))
        XCTAssertEqual(site.name, "Demo Dental")
        XCTAssertEqual(site.phone, "+1 555 0100")
        XCTAssertEqual(site.emergencyPhone, "911")
        XCTAssertEqual(site.tagline, "Gentle care for the whole family")
        XCTAssertEqual(site.logo, "/logo.svg")
        XCTAssertEqual(site.officeHours.timeZone.identifier, "America/New_York")
        XCTAssertEqual(site.officeHours.weekly, try WeeklyHoursParser.parse("mon-fri 08:00-17:00, sat 09:00-13:00"))
        XCTAssertEqual(site.officeHours.closedDates, [LocalDate(year: 2026, month: 12, day: 25), LocalDate(year: 2027, month: 1, day: 1)])
        XCTAssertEqual(site.allowedOrigins, ["https://demo.example", "http://localhost:8080"])
        XCTAssertEqual(site.idleTimeout, 900)
    }

    func testDefaults() throws {
        let config = try XCTUnwrap(C.config(C.minimalSite))
        XCTAssertEqual(config.settings, ServerSettings())
        let site = try XCTUnwrap(config.sites.first)
        XCTAssertEqual(site.id, "a")
        XCTAssertEqual(site.emergencyPhone, "911")
        XCTAssertNil(site.tagline)
        XCTAssertNil(site.logo)
        XCTAssertEqual(site.officeHours.weekly, try WeeklyHoursParser.parse("mon-fri 08:00-17:00"))
        XCTAssertEqual(site.officeHours.closedDates, [])
        XCTAssertEqual(site.allowedOrigins, [])
        XCTAssertEqual(site.idleTimeout, 900)
    }

    func testValueSyntax() throws {
        let text = """
            [server]
            host = "a\\"b\\\\c\\n\\t\\u00e9"   # escapes
            hello_timeout_seconds = 0.5
            port = 0
            max_frame_bytes = 65_536
            [sites.b-2_x]
            name = "B"
            phone = "2"
            timezone = "Europe/Berlin"
            hours = "closed"
            origins = [ ]
            closed = [
                "2026-01-01",  # a comment inside a list
                "2026-01-02",
            ]
            idle_timeout_seconds = 1.5e2
            """ + "\r\n"
        let config = try XCTUnwrap(C.config(text))
        XCTAssertEqual(config.settings.host, "a\"b\\c\n\té")
        XCTAssertEqual(config.settings.helloTimeout, 0.5)
        XCTAssertEqual(config.settings.port, 0)
        XCTAssertEqual(config.settings.maxFrameBytes, 65536)
        let site = try XCTUnwrap(config.site("b-2_x"))
        XCTAssertEqual(site.officeHours.weekly, [])
        XCTAssertEqual(site.officeHours.closedDates.count, 2)
        XCTAssertEqual(site.idleTimeout, 150)
        XCTAssertNotNil(C.config("\u{FEFF}" + C.minimalSite.replacingOccurrences(of: "\n", with: "\r\n")))
    }

    func testSitesKeepFileOrder() throws {
        let text = C.minimalSite + "\n" + C.minimalSite.replacingOccurrences(of: "sites.a", with: "sites.z")
            + "\n" + C.minimalSite.replacingOccurrences(of: "sites.a", with: "sites.m")
        XCTAssertEqual(try XCTUnwrap(C.config(text)).sites.map(\.id), ["a", "z", "m"])
    }

    func testProblemPrintsCompilerStyle() {
        XCTAssertEqual(
            ConfigProblem(source: "x.toml", line: 3, column: 7, message: "bad").description, "x.toml:3:7: bad"
        )
        XCTAssertEqual(ConfigProblem(source: "x.toml", line: 1, column: nil, message: "bad").description, "x.toml:1: bad")
        let error = ConfigError(problems: [
            ConfigProblem(source: "x", line: 1, column: 2, message: "one"),
            ConfigProblem(source: "x", line: 4, column: nil, message: "two"),
        ])
        XCTAssertEqual(error.description, "x:1:2: one\nx:4: two")
    }
}
