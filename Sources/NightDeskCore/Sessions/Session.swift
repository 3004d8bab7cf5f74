/// A live chat: its transcript, who is attached, and what the journal holds.
final class Session {
    let start: SessionStart
    let sharedSite: SharedSite
    var site: Site { sharedSite.site }
    /// With the `say` id each answered: a repeat is acked, not stored.
    var messages = Transcript()
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
    /// The agent holding the chat; nil while the auto-responder has it.
    var handler: String?
    /// Agents who have held the chat, in order, for the lead's `handled_by`.
    var agentsSeen: [String] = []
    var offer: PendingOffer?
    /// Agents already offered this chat: an offer moves on, never back.
    var offeredTo: Set<String> = []
    /// Set while the holding agent is disconnected: the chat waits until then.
    var agentGraceUntil: Timestamp?
    /// What agents recorded with `lead`, and a close's disposition.
    var agentFields: [String: String] = [:]

    init(start: SessionStart, site: SharedSite) {
        self.start = start
        self.sharedSite = site
        self.lastActivity = start.startedAt
    }

    var id: String { start.session }
    var facts: LeadFacts { responderMemory.facts }
    /// Journaled exactly when the visitor has said something.
    var visitorSpoke: Bool { persisted }
    /// Whether the transcript itself holds a visitor message (after a crash
    /// the journal may hold a session's start without it).
    var visitorSpokeInTranscript: Bool { messages.contains(from: .visitor) }
    var nextSeq: Int { messages.count + 1 }

    var handledBy: [String] {
        let bot = messages.contains(from: .bot) ? ["bot"] : []
        return bot + agentsSeen.map { "agent:" + $0 }
    }
}
