/// What one line typed by the agent asks for.
enum AgentInput: Equatable {
    /// Plain text for the active chat.
    case say(String)
    case action(AgentAction)
    /// A blank line: nothing to do.
    case empty
    /// A command that could not be understood, with what to tell the agent.
    case invalid(String)
}

/// The IRC-style commands. Numbers are the `#N` the client shows for each
/// chat; nil means the active chat (or, for accept/decline, the latest offer).
enum AgentAction: Equatable {
    case help
    case available
    case away
    case list
    case accept(Int?)
    case decline(Int?)
    case take(Int)
    case switchTo(Int)
    case lead(Int?, [LeadField])
    case release(Int?)
    case close(Int?, Disposition)
    case quit
}

/// One `key=value` of `/lead`, in the order typed.
struct LeadField: Equatable {
    var key: String
    var value: String
}

/// How a chat ended, as PROTOCOL.md's `close` names it.
enum Disposition: String, CaseIterable, Equatable {
    case booked, callback, info, spam, other
}
