import Foundation

/// The values a script's `{placeholders}` take for one reply.
enum ScriptValues {
    static func make(_ facts: LeadFacts, _ context: ResponderContext) -> [String: String] {
        let site = context.site
        let office = context.office
        let opening = office.nextOpen.map { "on " + spoken($0, in: site.officeHours.timeZone) }
        var values = [
            "practice": site.name,
            "phone": site.phone,
            "emergency_phone": site.emergencyPhone,
            "office_status": office.isOpen
                ? "The front desk is busy right now, so I'm taking messages."
                : "We're closed right now" + (opening.map { " and open again \($0)." } ?? "."),
            "when": office.isOpen ? "shortly" : (opening.map { "when we open \($0)" } ?? "as soon as we open"),
            "callback": facts.phone.map { "call you at \($0)" } ?? facts.email.map { "email you at \($0)" } ?? "get back to you",
        ]
        values["opening"] = opening
        values["name"] = facts.name.flatMap { $0.split(separator: " ").first.map(String.init) }
        values["best_time"] = facts.bestTime
        return values
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
