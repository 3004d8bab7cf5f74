/// What the relay asks the store to make durable, in order. Replaying a
/// session's records rebuilds the session exactly (see `Relay.restore`).
public enum JournalRecord: Sendable, Equatable {
    case sessionStarted(SessionStart)
    /// `clientID` is the `say` id, so a repeated id is recognised after a restart.
    case message(session: String, message: Message, clientID: String?)
    case ended(session: String, reason: SessionEndReason, at: Timestamp)
    /// The lead files of the session are durable; the session can be forgotten.
    case leadWritten(session: String)
    /// Who handles the chat from now: an agent's id, or nil for the auto-responder.
    case handler(session: String, agent: String?)
    /// What an agent recorded with `lead` (and a close's disposition); wins
    /// over what the auto-responder inferred.
    case leadFields(session: String, fields: [String: String])

    public var sessionID: String {
        switch self {
        case .sessionStarted(let s): return s.session
        case .message(let s, _, _), .ended(let s, _, _), .leadWritten(let s), .handler(let s, _), .leadFields(let s, _):
            return s
        }
    }
}

/// The first record of a session.
public struct SessionStart: Sendable, Equatable {
    public var session: String
    public var site: String
    /// SHA-256 of the resume token: the token itself is never stored.
    public var resumeHash: String
    public var startedAt: Timestamp
    public var source: LeadSource

    public init(session: String, site: String, resumeHash: String, startedAt: Timestamp, source: LeadSource) {
        self.session = session
        self.site = site
        self.resumeHash = resumeHash
        self.startedAt = startedAt
        self.source = source
    }
}
