import Foundation

/// A practice whose website chats NightDesk answers: its identity, branding,
/// calendar and the rules its visitors' sessions follow.
public struct Site: Sendable, Equatable {
    /// The identifier the widget names in `hello.site` ("demo").
    public var id: String
    public var name: String
    /// The number a visitor can call; repeated in every "please call us" line.
    public var phone: String
    /// Where to send someone describing an emergency ("911", or the practice's
    /// own emergency line).
    public var emergencyPhone: String
    public var tagline: String?
    public var logo: String?
    public var officeHours: OfficeHours
    /// Browser origins allowed to open a chat for this site, matched exactly.
    /// Empty means any origin.
    public var allowedOrigins: [String]
    /// A session with no visitor connection and no message for this long ends.
    public var idleTimeout: TimeInterval
    /// Who answers while the office is open; outside hours it is always the
    /// on-call agents, then the auto-responder.
    public var insideHours: InsideHoursRoute
    /// Leads older than this (from when the chat ended) go with `nightdesk leads purge`.
    public var retentionDays: Int
    /// What the auto-responder says and asks on this site's chats.
    public var script: SiteScript

    public init(
        id: String, name: String, phone: String, emergencyPhone: String = "911",
        tagline: String? = nil, logo: String? = nil, officeHours: OfficeHours,
        allowedOrigins: [String] = [], idleTimeout: TimeInterval = 15 * 60,
        insideHours: InsideHoursRoute = .autoResponder, retentionDays: Int = 365,
        script: SiteScript = .demo
    ) {
        self.id = id
        self.name = name
        self.phone = phone
        self.emergencyPhone = emergencyPhone
        self.tagline = tagline
        self.logo = logo
        self.officeHours = officeHours
        self.allowedOrigins = allowedOrigins
        self.idleTimeout = idleTimeout
        self.insideHours = insideHours
        self.retentionDays = retentionDays
        self.script = script
    }
}

/// A site's policy for chats that arrive while its office is open.
public enum InsideHoursRoute: String, Sendable {
    /// The practice's own desk is busy: the auto-responder takes details.
    case autoResponder = "auto-responder"
    /// The site's agents are offered the chat, as after hours.
    case agents
}
