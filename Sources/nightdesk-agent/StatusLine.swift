/// The one-row summary kept at the bottom of the screen: connection,
/// availability, a live offer with its countdown, the chats and which one
/// plain text goes to, unread counts per chat, and who is typing.
struct StatusLine: Equatable {
    var connection: String
    var agentName: String?
    var available: Bool
    /// (number, whole seconds left) of each open offer.
    var offers: [(Int, Int)]
    var mine: [Chat]
    var active: Int?
    var unsent: Int

    static func == (a: StatusLine, b: StatusLine) -> Bool { a.text == b.text }

    /// Everything, most urgent first, so what is cut at 80 columns is the
    /// least important.
    var text: String {
        var parts = [connection]
        parts.append("\(agentName ?? "agent") \(available ? "AVAILABLE" : "away")")
        for (number, seconds) in offers {
            parts.append("OFFER #\(number) \(seconds)s: /accept")
        }
        parts.append(chatsPart)
        let unread = mine.filter { $0.unread > 0 && $0.number != active }.map { "#\($0.number):\($0.unread)" }
        if !unread.isEmpty { parts.append("unread " + unread.joined(separator: " ")) }
        if unsent > 0 { parts.append("\(unsent) unsent") }
        if let active, let chat = mine.first(where: { $0.number == active }), chat.visitorTyping {
            parts.append("\(chat.visitor ?? "visitor") is typing")
        }
        return parts.joined(separator: " | ")
    }

    /// Without the countdown: printed as a line whenever it changes when
    /// output is not a terminal.
    var summary: String {
        var parts = [connection, "\(agentName ?? "agent") \(available ? "available" : "away")", chatsPart]
        if !offers.isEmpty { parts.append("offers " + offers.map { "#\($0.0)" }.joined(separator: " ")) }
        return parts.joined(separator: " | ")
    }

    private var chatsPart: String {
        let count = mine.count == 1 ? "1 chat" : "\(mine.count) chats"
        guard let active, let chat = mine.first(where: { $0.number == active }) else { return count }
        return "\(count), on #\(active) \(chat.practice)" + (chat.visitor.map { " (\($0))" } ?? "")
    }
}
