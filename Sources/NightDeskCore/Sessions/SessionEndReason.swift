/// Why a session ended, as `ended.reason` names it.
public enum SessionEndReason: String, Sendable {
    case visitorLeft = "visitor_left"
    case agentClosed = "agent_closed"
    case idle
}
