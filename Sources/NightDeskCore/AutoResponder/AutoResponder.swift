/// What an auto-responder knows when it speaks.
public struct ResponderContext: Sendable {
    public var site: Site
    public var office: OfficeStatus

    public init(site: Site, office: OfficeStatus) {
        self.site = site
        self.office = office
    }
}

/// What the auto-responder makes of a transcript: the facts it gathered and
/// the replies it owes the visitor's latest message.
public struct ResponderOutcome: Sendable, Equatable {
    public var facts: LeadFacts
    public var replies: [String]
}

/// The practice's voice when no agent has the chat. A responder is a pure
/// function of the transcript, so it resumes after a restart or an agent's
/// release without state of its own, and never re-asks what it was told.
public protocol AutoResponder: Sendable {
    /// The first words of a new session.
    func greeting(_ context: ResponderContext) -> [String]
    /// Reads the whole transcript; the last message is the visitor's newest.
    func respond(to transcript: [Message], _ context: ResponderContext) -> ResponderOutcome
}
