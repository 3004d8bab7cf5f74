import NightDeskCore

/// A frame from the server to an agent, read leniently: unknown fields are
/// ignored (forward compatibility) and a frame missing what it needs
/// becomes `.malformed`, never a crash.
enum ServerFrame: Equatable {
    case welcome(agentID: String, agentName: String, available: Bool, sessions: [SessionSummary])
    case status(available: Bool)
    case offer(Offer)
    case assigned(session: String, site: String, history: [ChatMessage], summary: SessionSummary?)
    case message(session: String, ChatMessage)
    case ack(session: String?, id: String, seq: Int?)
    case typing(session: String, from: String, on: Bool)
    case ended(session: String, reason: String)
    case sessions([SessionSummary])
    /// A chat the auto-responder holds may be an emergency.
    case alert(session: String, site: String, summary: SessionSummary?)
    case error(code: String, message: String, ref: String?)
    /// A type this client does not know (a newer server): ignored.
    case unknown(type: String)
    /// Not JSON, not an object with a `type`, or missing a required field.
    case malformed(String)

    struct Offer: Equatable {
        var session: String
        var site: String
        var summary: SessionSummary?
        var history: [ChatMessage]
        var expiresAt: Timestamp?
    }

    static func parse(_ text: String) -> ServerFrame {
        let json: JSONValue
        do {
            json = try JSONParser.parse(text)
        } catch {
            return .malformed("invalid JSON from the server (\(error.description))")
        }
        guard let type = json["type"]?.stringValue else { return .malformed("a frame without a type") }
        let session = json["session"]?.stringValue
        switch type {
        case "welcome":
            guard let agent = json["agent"], let id = agent["id"]?.stringValue else { return .malformed("welcome without agent") }
            return .welcome(agentID: id, agentName: agent["name"]?.stringValue ?? id,
                            available: json["available"]?.boolValue ?? false,
                            sessions: SessionSummary.list(json["sessions"]))
        case "status":
            guard let available = json["available"]?.boolValue else { return .malformed("status without available") }
            return .status(available: available)
        case "offer":
            guard let session else { return .malformed("offer without session") }
            return .offer(Offer(session: session, site: json["site"]?.stringValue ?? "",
                                summary: SessionSummary(json["summary"]), history: ChatMessage.list(json["history"]),
                                expiresAt: json["expires_at"]?.stringValue.flatMap { Timestamp(rfc3339: $0) }))
        case "assigned":
            guard let session else { return .malformed("assigned without session") }
            return .assigned(session: session, site: json["site"]?.stringValue ?? "",
                             history: ChatMessage.list(json["history"]), summary: SessionSummary(json["summary"]))
        case "message":
            guard let session, let message = ChatMessage(json) else { return .malformed("message without session, seq, from or text") }
            return .message(session: session, message)
        case "ack":
            guard let id = json["id"]?.stringValue else { return .malformed("ack without id") }
            return .ack(session: session, id: id, seq: json["seq"]?.intValue)
        case "typing":
            guard let session else { return .malformed("typing without session") }
            return .typing(session: session, from: json["from"]?.stringValue ?? "visitor", on: json["on"]?.boolValue ?? false)
        case "ended":
            guard let session else { return .malformed("ended without session") }
            return .ended(session: session, reason: json["reason"]?.stringValue ?? "ended")
        case "sessions":
            return .sessions(SessionSummary.list(json["items"]))
        case "alert":
            guard let session else { return .malformed("alert without session") }
            return .alert(session: session, site: json["site"]?.stringValue ?? "", summary: SessionSummary(json["summary"]))
        case "error":
            return .error(code: json["code"]?.stringValue ?? "error", message: json["message"]?.stringValue ?? "",
                          ref: json["ref"]?.stringValue)
        default:
            return .unknown(type: type)
        }
    }
}
