/// Each site's office status, worked out at most once a minute.
///
/// Every visitor message needs the status (the responder words replies by
/// it), and working it out walks up to a year of days: 60,000 instructions
/// for a site that is always closed, most of a relayed message's cost. It
/// changes only on whole minutes (openings are wall-clock minutes, and
/// zones' offsets are whole minutes), so a minute's answer holds for all of
/// that minute.
struct OfficeStatusMemo {
    private var entries: [String: (minute: Int64, hours: OfficeHours, status: OfficeStatus)] = [:]

    mutating func status(of site: Site, at now: Timestamp) -> OfficeStatus {
        let minute = now.milliseconds >= 0 ? now.milliseconds / 60_000 : (now.milliseconds - 59_999) / 60_000
        // A reload may give a live session's site (its own copy) other
        // hours than the new one of the same id: the hours are the key too.
        if let entry = entries[site.id], entry.minute == minute, entry.hours == site.officeHours {
            return entry.status
        }
        let status = site.officeHours.status(at: now.date)
        entries[site.id] = (minute, site.officeHours, status)
        return status
    }
}
