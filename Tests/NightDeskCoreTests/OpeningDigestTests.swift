import NightDeskCore
import XCTest

/// The opening digest comes at each site's own opening, once, across time
/// zones; it lists the night's hot leads with their numbers first.
final class OpeningDigestTests: XCTestCase {
    private func site(_ id: String, _ zone: String) -> Site {
        let tz = TimeZone(identifier: zone) ?? .gmt
        let weekdays = (1...7).map { OfficeBlock(weekday: $0, startMinute: 8 * 60, endMinute: 17 * 60) }
        return Site(id: id, name: id.capitalized, phone: "+1 555 0100", officeHours: OfficeHours(timeZone: tz, weekly: weekdays))
    }

    func testEachSiteGetsOneDigestAtItsOwnLocalOpening() throws {
        let sites = [site("ny", "America/New_York"), site("syd", "Australia/Sydney"), site("ber", "Europe/Berlin")]
        var schedule = DigestSchedule()
        var now = try XCTUnwrap(Timestamp(rfc3339: "2026-11-22T00:00:00.000Z"))
        var seen: [String: [String]] = [:]
        _ = schedule.due(at: now, sites: sites)
        for _ in 0..<(48 * 60) {
            now = now.adding(seconds: 60)
            for due in schedule.due(at: now, sites: sites) {
                seen[due.site, default: []].append(due.opening.rfc3339)
                XCTAssertLessThan(now.seconds(since: due.opening), 61, "written within a minute of opening")
            }
        }
        XCTAssertEqual(seen["ny"], ["2026-11-22T13:00:00.000Z", "2026-11-23T13:00:00.000Z"], "08:00 EST")
        XCTAssertEqual(seen["ber"], ["2026-11-22T07:00:00.000Z", "2026-11-23T07:00:00.000Z"], "08:00 CET")
        XCTAssertEqual(seen["syd"], ["2026-11-22T21:00:00.000Z", "2026-11-23T21:00:00.000Z"], "08:00 AEDT")
    }

    func testTheDigestPutsHotLeadsWithTheirNumbersFirst() throws {
        let demo = site("demo", "America/New_York")
        let opening = try XCTUnwrap(Timestamp(rfc3339: "2026-11-23T13:00:00.000Z"))
        let due = DigestSchedule.Due(site: "demo", opening: opening, since: opening.adding(seconds: -86_400))
        func lead(_ id: String, _ score: String, _ at: String, phone: String? = nil, urgent: Bool = false) -> JSONValue {
            var contact: [String: JSONValue] = ["name": .string("Name \(id)")]
            if let phone { contact["phone"] = .string(phone) }
            return .object(["id": .string(id), "site": .string("demo"), "score": .string(score), "created_at": .string(at),
                            "contact": .object(contact), "reason": .string("need \(id)"), "urgent": .bool(urgent)])
        }
        let text = OpeningDigest.markdown(site: demo, due: due, leads: [
            lead("l-cold", "cold", "2026-11-23T03:00:00.000Z"),
            lead("l-hot", "hot", "2026-11-23T04:00:00.000Z", phone: "555 123 4567", urgent: true),
            lead("l-old", "hot", "2026-11-20T04:00:00.000Z", phone: "555 000 0000"),
            lead("l-other", "hot", "2026-11-23T04:00:00.000Z").replacingSite("other"),
        ])
        XCTAssertTrue(text.contains("2 leads: 1 hot, 0 warm, 1 cold."), text)
        let hot = try XCTUnwrap(text.range(of: "Name l-hot **URGENT**: 555 123 4567"))
        let cold = try XCTUnwrap(text.range(of: "Name l-cold"))
        XCTAssertLessThan(hot.lowerBound, cold.lowerBound)
        XCTAssertFalse(text.contains("l-old"), "a lead from before the night is not in it")
        XCTAssertFalse(text.contains("l-other"), "another site's lead is not in it")
    }

    func testSpeedToLeadCountsFromTheOpeningAfterTheLeadCameIn() throws {
        let demo = site("demo", "America/New_York")
        let lead = JSONValue.object(["status": .string("new"), "created_at": .string("2026-11-23T04:00:00.000Z")])
        let firstCall = try XCTUnwrap(Timestamp(rfc3339: "2026-11-23T13:07:00.000Z"))
        let changed = LeadChange(status: "contacted", note: nil, by: "amy", at: firstCall, officeHours: demo.officeHours).applied(to: lead)
        XCTAssertEqual(changed?["speed_to_lead_ms"]?.intValue, 7 * 60_000, "7 minutes after the 08:00 opening")
        let again = LeadChange(status: "booked", note: nil, by: "amy", at: firstCall.adding(seconds: 600), officeHours: demo.officeHours)
        XCTAssertEqual(changed.flatMap(again.applied)?["speed_to_lead_ms"]?.intValue, 7 * 60_000, "only the first action counts")
    }
}

private extension JSONValue {
    func replacingSite(_ site: String) -> JSONValue {
        guard case .object(var fields) = self else { return self }
        fields["site"] = .string(site)
        return .object(fields)
    }
}
