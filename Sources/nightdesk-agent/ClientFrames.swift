import NightDeskCore

/// The frames an agent sends (PROTOCOL.md, "Agent"), written field by field
/// with `JSONWriter` so every string is escaped.
enum ClientFrames {
    static func hello(token: String) -> String {
        var w = JSONWriter()
        w.field("type", "hello")
        w.field("role", "agent")
        w.field("token", token)
        return w.finished
    }

    static func status(available: Bool) -> String {
        var w = JSONWriter()
        w.field("type", "status")
        w.field("available", available)
        return w.finished
    }

    static func list() -> String {
        var w = JSONWriter()
        w.field("type", "list")
        return w.finished
    }

    /// accept, decline, takeover, release: a type and a session.
    static func onSession(_ type: String, _ session: String) -> String {
        var w = JSONWriter()
        w.field("type", type)
        w.field("session", session)
        return w.finished
    }

    static func say(session: String, id: String, text: String) -> String {
        var w = JSONWriter()
        w.field("type", "say")
        w.field("session", session)
        w.field("id", id)
        w.field("text", text)
        return w.finished
    }

    static func typing(session: String, on: Bool) -> String {
        var w = JSONWriter()
        w.field("type", "typing")
        w.field("session", session)
        w.field("on", on)
        return w.finished
    }

    static func lead(session: String, id: String, fields: [LeadField]) -> String {
        var nested = JSONWriter()
        for field in fields { nested.field(dynamic: field.key, field.value) }
        var w = JSONWriter()
        w.field("type", "lead")
        w.field("session", session)
        w.field("id", id)
        w.field("fields", raw: nested.finished)
        return w.finished
    }

    static func close(session: String, disposition: Disposition) -> String {
        var w = JSONWriter()
        w.field("type", "close")
        w.field("session", session)
        w.field("disposition", disposition.rawValue)
        return w.finished
    }
}
