/// A live chat: its transcript, who is attached, and what the journal holds.
final class Session {
    let start: SessionStart
    let site: Site
    var messages: [Message] = []
    /// `say` ids already taken, with the seq each got: a repeat is acked, not stored.
    var clientIDs: [String: Int] = [:]
    /// Visitor connections (tabs) attached now, in attach order.
    var connections: [ConnectionID] = []
    var lastActivity: Timestamp
    /// Whether the journal has `sessionStarted`: deferred until the visitor
    /// says something, so the many widgets that never chat cost no disk.
    var persisted = false
    var responderMemory = ResponderMemory()
    /// Messages up to this seq are on disk.
    var durableSeq = 0
    /// Messages up to this seq have been sent to the attached tabs. A
    /// message goes out once durable, so no client ever sees a seq that a
    /// crash could give to another message.
    var announcedSeq = 0
    var ended = false

    init(start: SessionStart, site: Site) {
        self.start = start
        self.site = site
        self.lastActivity = start.startedAt
    }

    var id: String { start.session }
    var facts: LeadFacts { responderMemory.facts }
    /// Journaled exactly when the visitor has said something.
    var visitorSpoke: Bool { persisted }
    var nextSeq: Int { messages.count + 1 }

    var handledBy: [String] {
        var who: [String] = []
        for m in messages where m.from == .bot || m.from == .agent {
            let tag = m.from == .bot ? "bot" : "agent:\(m.name)"
            if !who.contains(tag) { who.append(tag) }
        }
        return who
    }
}
