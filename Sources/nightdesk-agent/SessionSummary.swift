import NightDeskCore

/// PROTOCOL.md's `summary`, plus what the server adds for agents: the
/// practice's name and phone and the visitor's page, so the agent answers
/// as that practice.
struct SessionSummary: Equatable {
    var session: String
    var site: String
    var siteName: String?
    var sitePhone: String?
    var page: String?
    /// bot or agent.
    var handler: String?
    /// The agent's id when an agent handles it.
    var agent: String?
    var visitorName: String?
    var messages: Int?
    var lastAt: Timestamp?
    var score: String?

    init(session: String, site: String) {
        self.session = session
        self.site = site
    }

    init?(_ json: JSONValue?) {
        guard let json, let session = json["session"]?.stringValue else { return nil }
        self.session = session
        self.site = json["site"]?.stringValue ?? ""
        siteName = json["site_name"]?.stringValue
        sitePhone = json["site_phone"]?.stringValue
        page = json["page"]?.stringValue
        handler = json["handler"]?.stringValue
        agent = json["agent"]?.stringValue
        visitorName = json["visitor"]?["name"]?.stringValue
        messages = json["messages"]?.intValue
        lastAt = json["last_at"]?.stringValue.flatMap { Timestamp(rfc3339: $0) }
        score = json["score"]?.stringValue
    }

    static func list(_ json: JSONValue?) -> [SessionSummary] {
        (json?.arrayValue ?? []).compactMap { SessionSummary($0) }
    }
}
