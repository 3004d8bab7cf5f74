/// Who wrote a transcript entry.
public enum Sender: String, Sendable {
    case visitor, bot, agent, system
}

/// One entry of a session's transcript, numbered from 1 without gaps.
public struct Message: Sendable, Equatable {
    public var seq: Int
    public var from: Sender
    public var name: String
    public var text: String
    public var at: Timestamp

    public init(seq: Int, from: Sender, name: String, text: String, at: Timestamp) {
        self.seq = seq
        self.from = from
        self.name = name
        self.text = text
        self.at = at
    }

    /// The `message` frame for the session's visitor tabs and, when
    /// `session` is given, the agent's (the same with `session`), encoded
    /// once: every message goes to both sides.
    public func frames(session: String?) -> (visitor: String, agent: String?) {
        // 112: the fixed part of the frame with its longest `seq` and `from`.
        var visitor = JSONWriter(capacity: 112 + name.utf8.count + text.utf8.count)
        visitor.field("type", "message")
        let shared = visitor.fieldMark
        visitor.field("seq", seq)
        visitor.field("from", from.rawValue)
        visitor.field("name", name)
        visitor.field("text", text)
        visitor.field("at", at)
        guard let session else { return (visitor.finished, nil) }
        // The visitor frame's length so far, plus `"session":"…",`.
        var agent = JSONWriter(capacity: visitor.fieldMark + 16 + session.utf8.count)
        agent.field("type", "message")
        agent.field("session", session)
        agent.appendFields(of: visitor, since: shared)
        return (visitor.finished, agent.finished)
    }

    /// The protocol's `message` object; `session` is added for agents, who
    /// follow several sessions on one connection.
    public func json(session: String? = nil, type: Bool = false) -> String {
        var w = JSONWriter()
        if type { w.field("type", "message") }
        w.field("session", session)
        w.field("seq", seq)
        w.field("from", from.rawValue)
        w.field("name", name)
        w.field("text", text)
        w.field("at", at)
        return w.finished
    }
}
