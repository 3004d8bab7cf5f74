/// The frames the server sends agents.
enum AgentFrames {
    static func welcome(_ agent: AgentPresence, summaries: [String]) -> String {
        var w = JSONWriter()
        w.field("type", "welcome")
        var a = JSONWriter()
        a.field("id", agent.id)
        a.field("name", agent.name)
        w.field("agent", raw: a.finished)
        w.field("available", agent.available)
        w.field("sessions", raw: JSONWriter.array(summaries))
        return w.finished
    }

    static func status(available: Bool) -> String {
        var w = JSONWriter()
        w.field("type", "status")
        w.field("available", available)
        return w.finished
    }

    /// `summary`, plus the practice's name and phone and the visitor's page,
    /// so an agent covering several practices answers as the right one.
    static func summary(_ session: Session) -> String {
        var w = JSONWriter()
        w.field("session", session.id)
        w.field("site", session.site.id)
        w.field("started_at", session.start.startedAt.rfc3339)
        w.field("handler", session.handler == nil ? "bot" : "agent")
        w.field("agent", session.handler)
        var visitor = JSONWriter()
        visitor.field("name", session.agentFields["name"] ?? session.facts.name)
        w.field("visitor", raw: visitor.finished)
        w.field("messages", session.announcedSeq)
        w.field("last_at", (session.messages[..<session.announcedSeq].last?.at ?? session.start.startedAt).rfc3339)
        if session.visitorSpoke {
            let score = session.agentFields["score"] ?? session.site.script.scoring.score(session.facts.overlaid(with: session.agentFields)).0.rawValue
            w.field("score", score)
        }
        w.field("site_name", session.site.name)
        w.field("site_phone", session.site.phone)
        w.field("page", session.start.source.page)
        return w.finished
    }

    /// Someone on a chat the auto-responder holds may be in danger: every
    /// available agent of the site hears it at once, not one offer at a time.
    static func alert(_ session: Session) -> String {
        var w = JSONWriter()
        w.field("type", "alert")
        w.field("session", session.id)
        w.field("site", session.site.id)
        w.field("reason", "emergency")
        w.field("summary", raw: summary(session))
        return w.finished
    }

    static func history(_ session: Session) -> String {
        JSONWriter.array(session.messages[..<session.announcedSeq].map { $0.json() })
    }

    static func offer(_ session: Session, expiresAt: Timestamp) -> String {
        var w = JSONWriter()
        w.field("type", "offer")
        w.field("session", session.id)
        w.field("site", session.site.id)
        w.field("summary", raw: summary(session))
        w.field("history", raw: history(session))
        w.field("expires_at", expiresAt.rfc3339)
        return w.finished
    }

    static func assigned(_ session: Session) -> String {
        var w = JSONWriter()
        w.field("type", "assigned")
        w.field("session", session.id)
        w.field("site", session.site.id)
        w.field("history", raw: history(session))
        w.field("summary", raw: summary(session))
        return w.finished
    }

    static func sessions(_ items: [String]) -> String {
        var w = JSONWriter()
        w.field("type", "sessions")
        w.field("items", raw: JSONWriter.array(items))
        return w.finished
    }

    static func ack(session: String, id: String, seq: Int?) -> String {
        var w = JSONWriter()
        w.field("type", "ack")
        w.field("session", session)
        w.field("id", id)
        if let seq { w.field("seq", seq) }
        return w.finished
    }

    static func ended(session: String, reason: SessionEndReason) -> String {
        var w = JSONWriter()
        w.field("type", "ended")
        w.field("session", session)
        w.field("reason", reason.rawValue)
        return w.finished
    }

    static func visitorTyping(session: String, on: Bool) -> String {
        var w = JSONWriter()
        w.field("type", "typing")
        w.field("session", session)
        w.field("from", "visitor")
        w.field("on", on)
        return w.finished
    }

    static func agentTyping(name: String, on: Bool) -> String {
        var w = JSONWriter()
        w.field("type", "typing")
        w.field("from", "agent")
        w.field("name", name)
        w.field("on", on)
        return w.finished
    }
}
