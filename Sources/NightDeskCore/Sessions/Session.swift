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

    init(start: SessionStart, site: Site) {
        self.start = start
        self.site = site
        self.lastActivity = start.startedAt
    }

    var id: String { start.session }
    var facts: LeadFacts { responderMemory.facts }
    var visitorSpoke: Bool { messages.contains { $0.from == .visitor } }
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
