/// What an auto-responder knows when it speaks.
public struct ResponderContext: Sendable {
    public var site: Site
    public var office: OfficeStatus
    /// What an agent recorded with `lead`: known, so never asked again.
    public var recorded: [String: String]
    /// An agent holds the chat: the responder only takes note of facts (a
    /// visitor answering the agent is not answering the script), and says
    /// nothing, which also spares composing replies nobody will send.
    public var agentHolds: Bool

    public init(site: Site, office: OfficeStatus, recorded: [String: String] = [:], agentHolds: Bool = false) {
        self.site = site
        self.office = office
        self.recorded = recorded
        self.agentHolds = agentHolds
    }
}

/// What the responder has taken from the transcript so far. Kept on the
/// session so each new message is read once, not the whole chat again;
/// rebuilt from the transcript after a restart.
public struct ResponderMemory: Sendable, Equatable {
    public var facts = LeadFacts()
    /// Transcript entries already read.
    public var read = 0
    /// The step whose question the visitor is answering; empty before the
    /// first answer (the greeting asks the script's first step).
    public var awaiting = ""
    /// Answers that did not fit the step awaiting: one re-ask, then move on.
    public var attempts = 0
    /// Fields the visitor would rather not give, or gave up on.
    public var declined: Set<String> = []
    public var closingSaid = false
    public var emergencyWarned = false
    public var abuseAnswered = false
    public var linkAnswered = false

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
    /// it is the visitor's. The transcript's indices start at 0 (entry `i`
    /// is seq `i + 1`), as `Transcript`'s and an array's do.
    func respond<T: RandomAccessCollection<Message>>(to transcript: T, after memory: ResponderMemory,
                                                     _ context: ResponderContext) -> ResponderOutcome where T.Index == Int
    /// What to say when an agent hands the chat back: the next question
    /// still open, or nothing when all is known.
    func resume(after memory: ResponderMemory, _ context: ResponderContext) -> ResponderOutcome
}
