import XCTest
import NightDeskCore

/// Each kind of problem is reported, at the right line and column.
final class ConfigProblemTests: XCTestCase {
    private typealias C = ConfigFixture

    private func assertProblems(
        _ text: String, _ expected: [String], file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(C.problems(text), expected, file: file, line: line)
    }

    func testSyntaxErrors() {
        assertProblems("""
            [server
            port = 80 80
            host = localhost
            data = 'x'
            public = "unterminated
            = 3
            host2
            tls.cert = "x"
            [[sites]]
            frames_per_minute = 
            """ + "\n" + C.minimalSite, [
            "t.toml:1:8: expected ']' to close [server",
            "t.toml:2:11: unexpected '80' after the value; start a comment with #",
            "t.toml:3:8: 'localhost' is not a value; put text in double quotes, like \"localhost\"",
            "t.toml:4:8: single-quoted strings are not supported; use double quotes",
            "t.toml:5:10: unterminated string; close it with \" on the same line",
            "t.toml:6:1: unexpected '='; expected a key, a [section] or a # comment",
            "t.toml:7:6: expected '=' after 'host2', like host2 = \"...\"",
            "t.toml:8:1: dotted keys are not supported; put 'tls' inside its [section]",
            "t.toml:9:1: arrays of tables ([[...]]) are not supported; give each site its own [sites.<id>] section",
            "t.toml:10:21: missing value after '='",
        ])
    }

    func testStringAndNumberSyntax() {
        assertProblems("""
            [server]
            host = "a\\qb"
            data = "\\u12"
            public = "\\uD800"
            tls_cert = "bell\u{7}"
            port = 99999999999999999999999
            max_frame_bytes = 2026-12-25
            max_text_chars = 12abc
            hello_timeout_seconds = 1e999
            """ + "\n" + C.minimalSite, [
            "t.toml:2:10: unknown escape '\\q'; use \\\", \\\\, \\n, \\t, \\r or \\uXXXX",
            "t.toml:3:9: \\u needs four hex digits, like \\u00E9",
            "t.toml:4:11: \\uD800 is half of a surrogate pair, not a character",
            "t.toml:5:1: 'tls_cert' is set but 'tls_key' is not; set both for TLS, or neither",
            "t.toml:5:17: control character U+0007 in a string; write it as \\u0007",
            "t.toml:6:8: '99999999999999999999999' is too large",
            "t.toml:7:19: write dates as strings in double quotes, like \"2026-12-25\"",
            "t.toml:8:18: '12abc' is not a number",
            "t.toml:9:25: '1e999' is too large",
        ])
    }

    func testListSyntax() {
        assertProblems("""
            [sites.a]
            name = "A"
            phone = "1"
            timezone = "UTC"
            origins = ["https://a.example" "https://b.example"]
            closed = ["2026-01-01", 5]
            [sites.b]
            name = "B"
            phone = "2"
            timezone = "UTC"
            closed = ["2026-01-01",
            origins = []
            """, [
            "t.toml:5:32: unexpected '\"'; expected ',' or ']' after the string",
            "t.toml:6:25: lists hold only strings; put '5' in double quotes",
            "t.toml:11:10: unclosed list; close it with ']'",
        ])
    }

    func testUnknownSectionsAndKeys() {
        assertProblems("""
            port = 1
            [serve]
            port = 2
            [site.demo]
            [sites]
            [agents]
            [server]
            prot = 8080
            colour = "red"
            [sites.a]
            name = "A"
            phone = "1"
            timezone = "UTC"
            time_zone = "UTC"
            """, [
            "t.toml:1:1: 'port' is outside any section; put it under [server] or [sites.<id>]",
            "t.toml:2:2: unknown section [serve]; did you mean [server]?",
            "t.toml:4:2: unknown section [site.demo]; did you mean [sites.demo]?",
            "t.toml:5:2: a site section needs an id, like [sites.demo]",
            "t.toml:6:2: unknown section [agents]; sections are [server] and [sites.<id>]",
            "t.toml:8:1: unknown key 'prot' in [server]; did you mean 'port'? Allowed keys: host, port, data, public, tls_cert, tls_key, max_frame_bytes, max_text_chars, hello_timeout_seconds, ping_interval_seconds, ping_hangup_seconds, frames_per_minute, offer_timeout_seconds, agent_grace_seconds, max_connections, max_connections_per_ip, metrics_token, max_queued_bytes",
            "t.toml:9:1: unknown key 'colour' in [server]; allowed keys: host, port, data, public, tls_cert, tls_key, max_frame_bytes, max_text_chars, hello_timeout_seconds, ping_interval_seconds, ping_hangup_seconds, frames_per_minute, offer_timeout_seconds, agent_grace_seconds, max_connections, max_connections_per_ip, metrics_token, max_queued_bytes",
            "t.toml:14:1: unknown key 'time_zone' in [sites.a]; did you mean 'timezone'? Allowed keys: name, phone, emergency_phone, tagline, logo, timezone, hours, closed, origins, idle_timeout_seconds, inside_hours, retention_days, script",
        ])
    }

    func testDuplicates() {
        assertProblems("""
            [server]
            port = 1
            port = 2
            [server]
            host = "x"
            """ + "\n" + C.minimalSite + "\n" + C.minimalSite + """

            phone = "3"
            """, [
            "t.toml:3:1: duplicate key 'port' in [server]; it was already set on line 2",
            "t.toml:4:2: duplicate section [server]; it was first opened on line 1",
            "t.toml:10:2: duplicate site 'a'; it was first defined on line 6",
            "t.toml:14:1: duplicate key 'phone' in [sites.a]; it was already set on line 12",
        ])
    }

    func testBadSiteIDs() {
        // Long names are cut short in messages.
        let x34 = String(repeating: "x", count: 34)
        assertProblems("""
            [sites.Demo]
            [sites.a.b]
            [sites.\(String(repeating: "x", count: 65))]
            """ + "\n" + C.minimalSite, [
            "t.toml:1:2: [sites.Demo] is missing 'name', the practice's name",
            "t.toml:1:2: [sites.Demo] is missing 'phone', the number visitors are asked to call",
            "t.toml:1:2: [sites.Demo] is missing 'timezone', an IANA time zone such as \"America/New_York\"",
            "t.toml:1:8: site id 'Demo' must be 1 to 64 characters of a-z, 0-9, '-' and '_'",
            "t.toml:2:2: [sites.a.b] is missing 'name', the practice's name",
            "t.toml:2:2: [sites.a.b] is missing 'phone', the number visitors are asked to call",
            "t.toml:2:2: [sites.a.b] is missing 'timezone', an IANA time zone such as \"America/New_York\"",
            "t.toml:2:8: site id 'a.b' must be 1 to 64 characters of a-z, 0-9, '-' and '_'",
            "t.toml:3:2: [sites.\(x34)…] is missing 'name', the practice's name",
            "t.toml:3:2: [sites.\(x34)…] is missing 'phone', the number visitors are asked to call",
            "t.toml:3:2: [sites.\(x34)…] is missing 'timezone', an IANA time zone such as \"America/New_York\"",
            "t.toml:3:8: site id '\(String(repeating: "x", count: 40))…' must be 1 to 64 characters of a-z, 0-9, '-' and '_'",
        ])
    }

    func testWrongTypesAndRanges() {
        assertProblems("""
            [server]
            host = 5
            port = 65536
            data = ""
            max_frame_bytes = 0
            max_text_chars = -1
            hello_timeout_seconds = 0
            ping_interval_seconds = 0.5
            ping_hangup_seconds = "60"
            frames_per_minute = true
            public = ["a"]
            [sites.a]
            name = "A"
            phone = "1"
            timezone = "UTC"
            idle_timeout_seconds = -3
            closed = "2026-01-01"
            """, [
            "t.toml:2:8: 'host' must be a string in double quotes, not an integer",
            "t.toml:3:8: 'port' must be between 0 and 65535 (0 picks any free port), not 65536",
            "t.toml:4:8: 'data' must not be empty",
            "t.toml:5:19: 'max_frame_bytes' must be between 1 and 1048576 (1 MiB), not 0",
            "t.toml:6:18: 'max_text_chars' must be between 1 and 100000, not -1",
            "t.toml:7:25: 'hello_timeout_seconds' must be more than 0 and at most 3600 seconds, not 0",
            "t.toml:8:25: 'ping_interval_seconds' must be a whole number, not 0.5",
            "t.toml:9:23: 'ping_hangup_seconds' must be a whole number, not a string",
            "t.toml:10:21: 'frames_per_minute' must be a whole number, not true or false",
            "t.toml:11:10: 'public' must be a string in double quotes, not a list",
            "t.toml:16:24: 'idle_timeout_seconds' must be more than 0 and at most 2592000 seconds, not -3",
            "t.toml:17:10: 'closed' must be a list of strings, like [\"a\", \"b\"], not a string",
        ])
    }

    func testPingHangupMustNotComeBeforeThePing() {
        assertProblems("[server]\nping_interval_seconds = 90\n" + C.minimalSite, [
            "t.toml:2:25: 'ping_hangup_seconds' (60) must be at least 'ping_interval_seconds' (90): a peer must get a ping before it is dropped",
        ])
    }

    func testSiteValues() {
        assertProblems("""
            [sites.a]
            name = "A"
            phone = "1"
            timezone = "America/New York"
            hours = "mon-fri 08:00-25:00"
            closed = ["2026-02-30", "2026-1-5", "tomorrow"]
            origins = ["https://ok.example", "https://a.example/", "a.example", "https://A.example", "https://a.example:443", "*", "http://a.example:99999"]
            [sites.b]
            name = "B"
            phone = "2"
            timezone = "Mars/Olympus_Mons"
            [sites.c]
            name = "C"
            phone = "3"
            timezone = "GMT+5"
            """, [
            "t.toml:4:12: unknown time zone 'America/New York'; did you mean 'America/New_York'?",
            "t.toml:5:9: '25:00' is not a time; use HH:MM between 00:00 and 24:00",
            "t.toml:6:11: '2026-02-30' is not a date; use YYYY-MM-DD",
            "t.toml:6:25: '2026-1-5' is not a date; use YYYY-MM-DD",
            "t.toml:6:37: 'tomorrow' is not a date; use YYYY-MM-DD",
            "t.toml:7:34: 'https://a.example/' is not an origin: remove '/'; write scheme://host[:port] with no path, like https://www.example.com",
            "t.toml:7:56: 'a.example' is not an origin; write scheme://host[:port] with no path, like https://www.example.com",
            "t.toml:7:69: 'https://A.example' will never match: browsers send origins in lowercase; write 'https://a.example'",
            "t.toml:7:90: 'https://a.example:443' will never match: browsers leave out the default port 443; write https://a.example",
            "t.toml:7:115: '*' is not an origin; leave 'origins' out to allow any origin",
            "t.toml:7:120: 'http://a.example:99999' is not an origin: the port must be 1 to 65535; write scheme://host[:port] with no path, like https://www.example.com",
            "t.toml:11:12: unknown time zone 'Mars/Olympus_Mons'; use an IANA name such as \"America/New_York\" or \"Europe/Berlin\"",
            "t.toml:15:12: unknown time zone 'GMT+5'; use an IANA name such as \"America/New_York\" or \"Europe/Berlin\"",
        ])
    }

    func testMissingRequiredKeysAndTLSPairs() {
        assertProblems("""
            [server]
            tls_cert = "/c.pem"
            [sites.a]
            tagline = "x"
            """, [
            "t.toml:2:1: 'tls_cert' is set but 'tls_key' is not; set both for TLS, or neither",
            "t.toml:3:2: [sites.a] is missing 'name', the practice's name",
            "t.toml:3:2: [sites.a] is missing 'phone', the number visitors are asked to call",
            "t.toml:3:2: [sites.a] is missing 'timezone', an IANA time zone such as \"America/New_York\"",
        ])
        assertProblems("[server]\ntls_key = \"/k.pem\"\n" + C.minimalSite, [
            "t.toml:2:1: 'tls_key' is set but 'tls_cert' is not; set both for TLS, or neither",
        ])
    }

    func testNoSiteAtAll() {
        assertProblems("", ["t.toml:1: no site configured; add a [sites.<id>] section with name, phone and timezone"])
        assertProblems("[server]\nport = 1\n", ["t.toml:1: no site configured; add a [sites.<id>] section with name, phone and timezone"])
    }

    func testEveryProblemInTheFileIsReportedInOrder() {
        let problems = C.problems("""
            [server]
            port = "eighty"
            host = nowhere
            bogus = 1
            [sites.demo]
            name = "Demo"
            timezone = "Nowhere/Town"
            hours = "mon-fri 9-5"
            origins = ["demo.example"]
            """)
        XCTAssertEqual(problems.count, 7)
        XCTAssertEqual(problems.map { $0.split(separator: ":").prefix(2).joined(separator: ":") }, [
            "t.toml:2", "t.toml:3", "t.toml:4", "t.toml:5", "t.toml:7", "t.toml:8", "t.toml:9",
        ])
    }
}
