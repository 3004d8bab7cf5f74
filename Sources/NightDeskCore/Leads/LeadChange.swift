/// A staff member's change to a lead: a new status, a note, or both. Kept
/// as history, never overwriting: used by the API and the command line.
public struct LeadChange: Sendable, Equatable {
    public static let statuses: Set<String> = ["new", "contacted", "booked", "lost", "spam"]

    public var status: String?
    public var note: String?
    public var by: String
    public var at: Timestamp
    /// The site's calendar, to measure speed to lead from the opening after
    /// the lead came in (nil: from the lead's own time).
    public var officeHours: OfficeHours?

    public init(status: String?, note: String?, by: String, at: Timestamp, officeHours: OfficeHours? = nil) {
        self.status = status
        self.note = note
        self.by = by
        self.at = at
        self.officeHours = officeHours
    }

    /// Why the change cannot be made, if it cannot.
    public var problem: String? {
        if let status, !Self.statuses.contains(status) { return "status must be new, contacted, booked, lost or spam" }
        if status == nil && (note ?? "").isEmpty { return "give a status, a note, or both" }
        return nil
    }

    /// The lead with this change applied: `history` gets the status change
    /// (with who, when and from what), `notes` the note, and
    /// `first_action_at` the first staff action (the speed-to-lead clock).
    public func applied(to lead: JSONValue) -> JSONValue? {
        guard problem == nil, case .object(var fields) = lead else { return nil }
        let when = JSONValue.string(at.rfc3339)
        if let status, status != fields["status"]?.stringValue {
            let entry: JSONValue = .object(["at": when, "by": .string(by), "status": .string(status), "from": fields["status"] ?? .null])
            fields["history"] = .array((fields["history"]?.arrayValue ?? []) + [entry])
            fields["status"] = .string(status)
        }
        if let note, !note.isEmpty {
            let entry: JSONValue = .object(["at": when, "by": .string(by), "text": .string(String(note.prefix(2000)))])
            fields["notes"] = .array((fields["notes"]?.arrayValue ?? []) + [entry])
        }
        if fields["first_action_at"] == nil {
            fields["first_action_at"] = when
            // Speed to lead: from when the desk could first act (the opening
            // after the lead came in, or the lead itself in hours) to now.
            if let created = fields["created_at"]?.stringValue.flatMap(Timestamp.init(rfc3339:)) {
                var start = created
                if let hours = officeHours {
                    let status = hours.status(at: created.date)
                    if !status.isOpen, let open = status.nextOpen { start = Timestamp(open) }
                }
                fields["speed_to_lead_ms"] = .number(Double(max(0, at.milliseconds - start.milliseconds)))
            }
        }
        return .object(fields)
    }
}
