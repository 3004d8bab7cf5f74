import Foundation

extension Site {
    static let configKeys = [
        "name", "phone", "emergency_phone", "tagline", "logo", "timezone", "hours", "closed", "origins",
        "idle_timeout_seconds", "inside_hours", "retention_days", "script",
    ]

    /// The hours a site keeps when its section says nothing about them.
    static let defaultHoursText = "mon-fri 08:00-17:00"

    /// Builds a site from its `[sites.<id>]` section; nil when a required key
    /// is missing or unusable (the reason is in `problems`).
    init?(id: String, section: ConfigSection, problems: inout ConfigProblemList, readFile: (String) -> String?) {
        var fields = ConfigFields(section, problems: problems)
        defer { problems = fields.problems }
        fields.reportUnknownKeys(allowed: Self.configKeys)

        let name = fields.string("name")
        let phone = fields.string("phone")
        let emergencyPhone = fields.string("emergency_phone") ?? "911"
        // An empty tagline or logo would render as an empty line or a broken image.
        let tagline = fields.string("tagline", allowEmpty: true).flatMap { $0.isEmpty ? nil : $0 }
        let logo = fields.string("logo", allowEmpty: true).flatMap { $0.isEmpty ? nil : $0 }
        let timeZone = Self.timeZone(&fields)
        let weekly = Self.weekly(&fields)
        let closed = Self.closedDates(&fields)
        let origins = Self.origins(&fields)
        let idleTimeout = fields.seconds("idle_timeout_seconds", maximum: 30 * 86400) ?? 15 * 60
        let retentionDays = fields.integer("retention_days", in: 1...3650, rule: "between 1 and 3650 days") ?? 365
        var insideHours = InsideHoursRoute.autoResponder
        if let text = fields.string("inside_hours"), let entry = fields.entry("inside_hours") {
            if let route = InsideHoursRoute(rawValue: text) {
                insideHours = route
            } else {
                fields.problems.add("'inside_hours' must be \"auto-responder\" or \"agents\", not \(text.quotedForMessage)", at: entry.valuePosition)
            }
        }

        let script = Self.script(&fields, readFile: readFile)

        let required: [(key: String, what: String)] = [
            ("name", "the practice's name"),
            ("phone", "the number visitors are asked to call"),
            ("timezone", "an IANA time zone such as \"America/New_York\""),
        ]
        for (key, what) in required where fields.entry(key) == nil {
            fields.problems.add("\(section.label) is missing '\(key)', \(what)", at: section.position)
        }
        guard let name, let phone, let timeZone, let weekly, let script else { return nil }
        self.init(
            id: id, name: name, phone: phone, emergencyPhone: emergencyPhone, tagline: tagline, logo: logo,
            officeHours: OfficeHours(timeZone: timeZone, weekly: weekly, closedDates: closed),
            allowedOrigins: origins, idleTimeout: idleTimeout, insideHours: insideHours, retentionDays: retentionDays,
            script: script
        )
    }

    /// The site's auto-responder script: the file `script` names (relative
    /// paths from the config's folder), or the built-in demo script.
    private static func script(_ fields: inout ConfigFields, readFile: (String) -> String?) -> SiteScript? {
        guard let path = fields.string("script"), let entry = fields.entry("script") else { return .demo }
        guard let text = readFile(path) else {
            fields.problems.add("cannot read the script file \(path.quotedForMessage); check the path (relative to the config file's folder), or leave 'script' out for the built-in script", at: entry.valuePosition)
            return nil
        }
        do {
            return try SiteScript.parse(text, source: path)
        } catch {
            fields.problems.add(contentsOf: error.problems)
            return nil
        }
    }

    private static func timeZone(_ fields: inout ConfigFields) -> TimeZone? {
        guard let name = fields.string("timezone"), let entry = fields.entry("timezone") else { return nil }
        if let zone = TimeZoneName.zone(name) { return zone }
        var message = "unknown time zone \(name.quotedForMessage)"
        if let suggestion = TimeZoneName.suggestion(for: name) {
            message += "; did you mean '\(suggestion)'?"
        } else {
            message += "; use an IANA name such as \"America/New_York\" or \"Europe/Berlin\""
        }
        fields.problems.add(message, at: entry.valuePosition)
        return nil
    }

    private static func weekly(_ fields: inout ConfigFields) -> [OfficeBlock]? {
        guard let entry = fields.entry("hours") else {
            return try? WeeklyHoursParser.parse(defaultHoursText)
        }
        guard let text = fields.string("hours", allowEmpty: true) else { return nil }
        do {
            return try WeeklyHoursParser.parse(text)
        } catch {
            fields.problems.add(error.message, at: entry.valuePosition)
            return nil
        }
    }

    private static func closedDates(_ fields: inout ConfigFields) -> Set<LocalDate> {
        var dates: Set<LocalDate> = []
        for item in fields.strings("closed") ?? [] {
            if let date = LocalDate(item.text) {
                dates.insert(date)
            } else {
                fields.problems.add("\(item.text.quotedForMessage) is not a date; use YYYY-MM-DD", at: item.position)
            }
        }
        return dates
    }

    private static func origins(_ fields: inout ConfigFields) -> [String] {
        var origins: [String] = []
        for item in fields.strings("origins") ?? [] {
            if let problem = OriginRule.problem(with: item.text) {
                fields.problems.add(problem, at: item.position)
            } else {
                origins.append(item.text)
            }
        }
        return origins
    }
}
