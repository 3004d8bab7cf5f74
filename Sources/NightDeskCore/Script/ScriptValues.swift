import Foundation

/// The values a script's `{placeholders}` take for one reply, each made
/// when a line uses it: most lines use none, and building all nine for
/// every visitor message (the office status among them) was a tenth of an
/// auto-responder reply's instructions.
struct ScriptValues {
    let facts: LeadFacts
    let context: ResponderContext

    subscript(name: String) -> String? {
        let site = context.site
        let office = context.office
        switch name {
        case "practice": return site.name
        case "phone": return site.phone
        case "emergency_phone": return site.emergencyPhone
        case "office_status":
            return office.isOpen
                ? "The front desk is busy right now, so I'm taking messages."
                : "We're closed right now" + (opening.map { " and open again \($0)." } ?? ".")
        case "when": return office.isOpen ? "shortly" : (opening.map { "when we open \($0)" } ?? "as soon as we open")
        case "callback":
            return facts.phone.map { "call you at \($0)" } ?? facts.email.map { "email you at \($0)" } ?? "get back to you"
        case "opening": return opening
        case "name": return facts.name.flatMap { $0.split(separator: " ").first.map(String.init) }
        case "best_time": return facts.bestTime
        default: return nil
        }
    }

    private var opening: String? {
        context.office.nextOpen.map { "on " + Self.spoken($0, in: context.site.officeHours.timeZone) }
    }

    private static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// "Monday at 8:00 AM" in the site's zone, from the office-hours wall
    /// clock rather than a DateFormatter, which costs far more per reply.
    static func spoken(_ date: Date, in zone: TimeZone) -> String {
        let wall = LocalClock.wallMinute(at: date, in: zone)
        let day = CivilDay.floorDiv(wall, 1440)
        let minuteOfDay = wall - day * 1440
        let hour = minuteOfDay / 60, minute = minuteOfDay % 60
        let twelve = hour % 12 == 0 ? 12 : hour % 12
        return "\(weekdays[CivilDay.weekday(day) - 1]) at \(twelve):\(minute < 10 ? "0" : "")\(minute) \(hour < 12 ? "AM" : "PM")"
    }
}
