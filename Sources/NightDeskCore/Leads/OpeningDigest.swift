import Foundation

/// The night's leads for the front desk at opening time, in Markdown:
/// counts by score, the hot leads with their callback numbers first, then
/// the rest, and how fast yesterday's leads were answered.
public enum OpeningDigest {
    public static func markdown(site: Site, due: DigestSchedule.Due, leads: [JSONValue]) -> String {
        let night = MorningQueue.order(leads.filter { lead in
            lead["site"]?.stringValue == site.id
                && (lead["created_at"]?.stringValue.flatMap(Timestamp.init(rfc3339:)).map { $0 >= due.since && $0 < due.opening } ?? false)
        })
        let local = DateFormatter()
        local.locale = Locale(identifier: "en_US_POSIX")
        local.timeZone = site.officeHours.timeZone
        local.dateFormat = "EEEE d MMMM yyyy, HH:mm"
        let clock = DateFormatter()
        clock.locale = local.locale
        clock.timeZone = local.timeZone
        clock.dateFormat = "EEE HH:mm"

        func count(_ score: String) -> Int { night.filter { $0["score"]?.stringValue == score }.count }
        func clean(_ value: JSONValue?) -> String {
            PlainText.strippingControls(value?.stringValue ?? "").replacingOccurrences(of: "\n", with: " ")
        }
        func line(_ lead: JSONValue) -> String {
            let when = lead["created_at"]?.stringValue.flatMap(Timestamp.init(rfc3339:)).map { clock.string(from: $0.date) } ?? "?"
            let contact = lead["contact"]
            let call = [clean(contact?["phone"]), clean(contact?["email"])].filter { !$0.isEmpty }.joined(separator: ", ")
            let name = clean(contact?["name"]).isEmpty ? "(no name)" : clean(contact?["name"])
            let urgent = lead["urgent"]?.boolValue == true ? " **URGENT**" : ""
            return "- \(name)\(urgent): \(call.isEmpty ? "no callback given" : call). \(String(clean(lead["reason"]).prefix(120))) (\(when), \(clean(lead["id"])))"
        }

        var out = ["# \(site.name): the night before \(local.string(from: due.opening.date))", ""]
        out.append("\(night.count) lead\(night.count == 1 ? "" : "s"): \(count("hot")) hot, \(count("warm")) warm, \(count("cold")) cold.")
        out.append("")
        let hot = night.filter { $0["score"]?.stringValue == "hot" }
        if !hot.isEmpty {
            out.append("## Call first")
            out += hot.map(line)
            out.append("")
        }
        let rest = night.filter { $0["score"]?.stringValue != "hot" }
        if !rest.isEmpty {
            out.append("## Then")
            out += rest.map(line)
            out.append("")
        }
        let speeds = leads.compactMap { $0["speed_to_lead_ms"]?.intValue }.filter { $0 >= 0 }.sorted()
        if !speeds.isEmpty {
            let median = speeds[speeds.count / 2]
            out.append("Speed to lead so far: median \(median / 60_000) min from opening to the first call, over \(speeds.count) lead\(speeds.count == 1 ? "" : "s").")
        }
        return out.joined(separator: "\n") + "\n"
    }
}
