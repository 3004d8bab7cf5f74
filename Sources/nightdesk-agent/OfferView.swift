import NightDeskCore

/// An offer cannot be missed: the caller rings the bell and prints these
/// lines in reverse video: which practice to answer as (name and phone),
/// the visitor's page, how long is left, and the start of the chat.
enum OfferView {
    static let previewMessages = 4

    static func lines(chat: Chat, history: [ChatMessage], secondsLeft: Int, me: String?, now: Timestamp) -> [StyledLine] {
        var head = "NEW CHAT #\(chat.number)  \(chat.practice)"
        if let phone = chat.summary.sitePhone.map({ Sanitize.field($0, limit: 40) }), !phone.isEmpty { head += "  \(phone)" }
        head += "  -  /accept within \(secondsLeft)s, or /decline"
        var out = [StyledLine(head, .alert)]
        var about: [String] = []
        if let visitor = chat.visitor { about.append("visitor: \(visitor)") }
        if let page = chat.summary.page.map({ Sanitize.field($0, limit: 200) }), !page.isEmpty { about.append("page: \(page)") }
        if !about.isEmpty { out.append(StyledLine("  " + about.joined(separator: "  "), .alert)) }
        let shown = history.filter { $0.from != "system" }.suffix(previewMessages)
        if history.filter({ $0.from != "system" }).count > shown.count {
            out.append(StyledLine("  …", .alert))
        }
        for message in shown {
            let text = Sanitize.lines(message.text).joined(separator: " / ")
            out.append(StyledLine("  \(MessageFormatter.who(message, chat: chat, me: me)): \(text)", .alert))
        }
        return out
    }
}
