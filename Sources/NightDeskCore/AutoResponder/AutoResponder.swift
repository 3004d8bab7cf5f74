/// What an auto-responder knows when it speaks.
public struct ResponderContext: Sendable {
    public var site: Site
    public var office: OfficeStatus

    public init(site: Site, office: OfficeStatus) {
        self.site = site
        self.office = office
    }
}

/// What the responder has taken from the transcript so far. Kept on the
/// session so each new message is read once, not the whole chat again;
/// rebuilt from the transcript after a restart.
public struct ResponderMemory: Sendable, Equatable {
    public var facts = LeadFacts()
    /// Transcript entries already read.
    public var read = 0
    /// The question the script is waiting on, in the script's own words.
    public var awaiting = ""
    public var closingSaid = false
    public var emergencyWarned = false

    public init() {}
}

/// What the responder makes of the newest messages: its updated memory and
/// the replies it owes the visitor's latest message.
public struct ResponderOutcome: Sendable, Equatable {
    public var memory: ResponderMemory
    public var replies: [String]

    public var facts: LeadFacts { memory.facts }
}

/// The practice's voice when no agent has the chat. A responder is a pure
/// function of the transcript (and the memory it left), so it resumes after
/// a restart or an agent's release and never re-asks what it was told.
public protocol AutoResponder: Sendable {
    /// The first words of a new session.
    func greeting(_ context: ResponderContext) -> [String]
    /// Reads the entries after `memory.read`; replies to the last one when
    /// it is the visitor's.
    func respond(to transcript: [Message], after memory: ResponderMemory, _ context: ResponderContext) -> ResponderOutcome
}
