/// Leads as CSV a spreadsheet opens correctly: every cell quoted, quotes
/// doubled, CRLF line ends, and cells that a spreadsheet would run as a
/// formula (starting with =, +, -, @, tab or CR) neutralised with a
/// leading apostrophe. Visitor text is hostile data.
public enum LeadCSV {
    public static let columns = [
        "id", "site", "created_at", "ended_at", "status", "score", "name", "phone", "email",
        "reason", "disposition", "page", "referrer", "utm_source", "utm_campaign", "handled_by", "messages",
    ]

    public static func render(_ leads: [JSONValue]) -> String {
        var out = columns.map(cell).joined(separator: ",") + "\r\n"
        for lead in leads {
            let row: [String] = [
                lead["id"]?.stringValue, lead["site"]?.stringValue, lead["created_at"]?.stringValue,
                lead["ended_at"]?.stringValue, lead["status"]?.stringValue, lead["score"]?.stringValue,
                lead["contact"]?["name"]?.stringValue, lead["contact"]?["phone"]?.stringValue,
                lead["contact"]?["email"]?.stringValue, lead["reason"]?.stringValue, lead["disposition"]?.stringValue,
                lead["source"]?["page"]?.stringValue, lead["source"]?["referrer"]?.stringValue,
                lead["source"]?["utm"]?["source"]?.stringValue, lead["source"]?["utm"]?["campaign"]?.stringValue,
                lead["handled_by"]?.arrayValue?.compactMap(\.stringValue).joined(separator: " "),
                lead["messages"]?.intValue.map(String.init),
            ].map { $0 ?? "" }
            out += row.map(cell).joined(separator: ",") + "\r\n"
        }
        return out
    }

    static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            text = "'" + text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

import Foundation
