/// The order the front desk works leads in.
public enum MorningQueue {
    /// Hot before warm before cold, then oldest first.
    public static func order(_ leads: [JSONValue]) -> [JSONValue] {
        leads.sorted { a, b in
            let sa = LeadScore(rawValue: a["score"]?.stringValue ?? "") ?? .cold
            let sb = LeadScore(rawValue: b["score"]?.stringValue ?? "") ?? .cold
            if sa != sb { return sa < sb }
            return (a["created_at"]?.stringValue ?? "") < (b["created_at"]?.stringValue ?? "")
        }
    }

    /// One lead as a terminal line; visitor text is stripped of controls.
    public static func line(_ lead: JSONValue) -> String {
        func field(_ value: JSONValue?) -> String {
            PlainText.strippingControls(value?.stringValue ?? "-").replacingOccurrences(of: "\n", with: " ")
        }
        let contact = lead["contact"]
        let parts = [
            field(lead["score"]).padding(toLength: 5, withPad: " ", startingAt: 0),
            field(lead["created_at"]),
            field(lead["site"]),
            field(contact?["name"]),
            field(contact?["phone"]),
            field(contact?["email"]),
            String(field(lead["reason"]).prefix(60)),
            field(lead["id"]),
        ]
        return parts.joined(separator: "  ")
    }
}

import Foundation
