/// An agent as the relay sees them now: connected or not, available or
/// not, the chats they hold and the offers waiting on them.
final class AgentPresence {
    var credential: AgentCredential
    var connection: ConnectionID?
    var available = false
    /// Sessions assigned to this agent, oldest first.
    var sessions: [String] = []
    /// Sessions offered to this agent and not yet answered.
    var offers: Set<String> = []
    /// Since when the agent has had nothing to do: ties go to the longest idle.
    var idleSince: Timestamp

    init(credential: AgentCredential, now: Timestamp) {
        self.credential = credential
        self.idleSince = now
    }

    var id: String { credential.id }
    var name: String { credential.name }
    var load: Int { sessions.count + offers.count }
    var hasRoom: Bool { load < credential.capacity }

    func covers(_ site: String) -> Bool { credential.sites.contains(site) }
}

/// An offer waiting on one agent.
struct PendingOffer: Equatable {
    var agent: String
    var expiresAt: Timestamp
}
