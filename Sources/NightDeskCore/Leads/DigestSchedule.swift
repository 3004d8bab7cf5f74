/// When each site's opening digest is due: at every opening of its office,
/// in its own time zone. Pure, so the schedule is tested with any clock.
public struct DigestSchedule: Sendable {
    /// A digest to write now: the site, the opening it is for, and the
    /// start of the night it covers.
    public struct Due: Sendable, Equatable {
        public var site: String
        public var opening: Timestamp
        public var since: Timestamp

        public init(site: String, opening: Timestamp, since: Timestamp) {
            self.site = site
            self.opening = opening
            self.since = since
        }
    }

    private var next: [String: Timestamp] = [:]
    private var last: [String: Timestamp] = [:]

    public init() {}

    /// The digests due at `now`; each opening yields one digest, once.
    public mutating func due(at now: Timestamp, sites: [Site]) -> [Due] {
        var out: [Due] = []
        for site in sites {
            guard let scheduled = next[site.id] else {
                next[site.id] = site.officeHours.status(at: now.date).nextOpen.map(Timestamp.init)
                continue
            }
            guard now >= scheduled else { continue }
            // The night runs from the previous digest, or a day back.
            let since = last[site.id] ?? scheduled.adding(seconds: -86_400)
            out.append(Due(site: site.id, opening: scheduled, since: since))
            last[site.id] = scheduled
            next[site.id] = site.officeHours.status(at: now.date).nextOpen.map(Timestamp.init)
        }
        return out
    }
}
