import XCTest
import NightDeskCore

/// The Prometheus text format as scrapers parse it (exposition format 0.0.4).
final class MetricsTextTests: XCTestCase {
    func testHistogramBucketsAreCumulativeAndEndWithInf() {
        var h = Histogram(bounds: [0.01, 0.1, 1])
        for v in [0.005, 0.05, 0.05, 0.5, 7] { h.observe(v) }
        var page = PrometheusText()
        page.histogram("x_seconds", "Some latency.", h)
        XCTAssertEqual(page.text, """
            # HELP x_seconds Some latency.
            # TYPE x_seconds histogram
            x_seconds_bucket{le="0.01"} 1
            x_seconds_bucket{le="0.1"} 3
            x_seconds_bucket{le="1"} 4
            x_seconds_bucket{le="+Inf"} 5
            x_seconds_sum 7.605
            x_seconds_count 5

            """)
    }

    func testAValueOnABoundCountsInThatBucket() {
        var h = Histogram(bounds: [1, 2])
        h.observe(1)
        XCTAssertEqual(h.cumulative.map(\.count), [1, 1, 1])
    }

    func testLabelValuesAreEscaped() {
        var page = PrometheusText()
        page.counters("hits_total", "Hits.", by: "limit", [("a\"b\\c\nd", 2)])
        XCTAssertTrue(page.text.contains(#"hits_total{limit="a\"b\\c\nd"} 2"#), page.text)
    }

    func testEveryFamilyHasHelpAndTypeOnce() {
        var metrics = Metrics()
        metrics.acknowledged(after: 0.002)
        metrics.leadWritten(score: "hot", firstResponseMilliseconds: 140)
        metrics.limitHit("max_connections_per_ip")
        let live = Metrics.Live(connectionsByRole: ["visitor": 2, "agent": 1, "pending": 0], sessions: 2,
                                offersWaiting: 1, offersMade: 3, rateLimitHits: 4, journal: JournalFigures())
        let text = metrics.render(live)
        let types = text.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.map { $0.split(separator: " ")[2] }
        XCTAssertEqual(types.count, Set(types).count, "a family declared twice")
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let name = line.prefix { $0 != "{" && $0 != " " }
            let family = ["_bucket", "_sum", "_count"].reduce(String(name)) { n, suffix in
                types.contains(Substring(n)) ? n : (n.hasSuffix(suffix) ? String(n.dropLast(suffix.count)) : n)
            }
            XCTAssertTrue(types.contains(Substring(family)), "\(line) has no # TYPE")
            XCTAssertNotNil(Double(line.split(separator: " ").last.map(String.init)?.replacingOccurrences(of: "+Inf", with: "inf") ?? ""), String(line))
        }
        XCTAssertTrue(text.contains("nightdesk_connections{role=\"visitor\"} 2\n"))
        XCTAssertTrue(text.contains("nightdesk_acks_total 1\n"))
        XCTAssertTrue(text.contains("nightdesk_leads_total{score=\"hot\"} 1\n"))
        XCTAssertTrue(text.contains("nightdesk_limit_hits_total{limit=\"frames_per_minute\"} 4\n"))
        XCTAssertTrue(text.contains("nightdesk_limit_hits_total{limit=\"max_connections_per_ip\"} 1\n"))
        XCTAssertTrue(text.contains("nightdesk_first_response_seconds_bucket{le=\"0.5\"} 1\n"))
        XCTAssertTrue(text.hasSuffix("\n"))
    }
}
