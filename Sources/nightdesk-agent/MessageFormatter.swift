import NightDeskCore

/// How a transcript message reads on the agent's screen:
/// `[02:14] Ava (visitor): I need an appointment`, with
/// `[#2 Smile Clinic] ` after the time when it belongs to a chat other than
/// the active one, so three chats at once never blur.
enum MessageFormatter {
    static func lines(_ message: ChatMessage, chat: Chat, active: Bool, me: String?, now: Timestamp) -> [StyledLine] {
        let stamp = "[\(LocalTime.hhmm(message.at ?? now))] "
        let prefix = active ? "" : "[#\(chat.number) \(chat.practice)] "
        let body = Sanitize.lines(message.text)
        let indent = String(repeating: " ", count: stamp.count)
        if message.from == "system" {
            var out = [StyledLine(stamp + prefix + "* " + (body.first ?? ""), .dim, indent: stamp.count + 2)]
            out += body.dropFirst().map { StyledLine(indent + "  " + $0, .dim, indent: stamp.count + 2) }
            return out
        }
        let head = stamp + prefix + who(message, chat: chat, me: me) + ": "
        var out = [StyledLine(head + (body.first ?? ""), indent: stamp.count)]
        out += body.dropFirst().map { StyledLine(indent + $0, indent: stamp.count) }
        return out
    }

    static func who(_ message: ChatMessage, chat: Chat, me: String?) -> String {
        let name = message.name.map { Sanitize.field($0, limit: 40) }.flatMap { $0.isEmpty ? nil : $0 }
        switch message.from {
        case "visitor": return "\(name ?? chat.visitor ?? "Visitor") (visitor)"
        case "bot": return "\(name ?? chat.practice) (bot)"
        case "agent":
            if let me, name == nil || name == me { return "\(me) (you)" }
            return "\(name ?? "Agent") (agent)"
        default: return "\(name ?? Sanitize.field(message.from, limit: 20)) (\(Sanitize.field(message.from, limit: 20)))"
        }
    }

    /// A chat's heading: `#1 Demo Dental +1 555 0100 · Ava · https://...`.
    static func heading(_ chat: Chat) -> String {
        var parts = ["#\(chat.number) \(chat.practice)"]
        if let phone = chat.summary.sitePhone.map({ Sanitize.field($0, limit: 40) }), !phone.isEmpty { parts[0] += " \(phone)" }
        if let visitor = chat.visitor { parts.append(visitor) }
        if let page = chat.summary.page.map({ Sanitize.field($0, limit: 200) }), !page.isEmpty { parts.append(page) }
        return parts.joined(separator: " · ")
    }
}
