import NightDeskCore

/// What the client knows of one session: from offers, `/list`, `assigned`
/// and the messages it has seen. `number` is the `#N` the agent types.
struct Chat {
    static let keptMessages = 200

    let number: Int
    let session: String
    var summary: SessionSummary
    /// Assigned to this agent: plain text and commands can go to it.
    var mine = false
    var ended = false
    /// Messages of this chat not yet seen because another chat was active.
    var unread = 0
    var visitorTyping = false
    /// The seqs already printed, so a message delivered twice (history and
    /// frame, a resend after reconnect) shows once.
    private(set) var shown: Set<Int> = []
    /// The last messages, for `/switch` to show where the chat stands.
    private(set) var recent: [ChatMessage] = []

    init(number: Int, summary: SessionSummary) {
        self.number = number
        self.session = summary.session
        self.summary = summary
    }

    /// Records a message; false when it was already shown.
    mutating func record(_ message: ChatMessage) -> Bool {
        guard shown.insert(message.seq).inserted else { return false }
        if let i = recent.lastIndex(where: { $0.seq < message.seq }) {
            recent.insert(message, at: i + 1)
        } else {
            recent.insert(message, at: 0)
        }
        if recent.count > Chat.keptMessages { recent.removeFirst(recent.count - Chat.keptMessages) }
        return true
    }

    func hasShown(_ seq: Int) -> Bool { shown.contains(seq) }

    var lastSeq: Int { recent.last?.seq ?? 0 }

    /// Keeps what is known when a newer summary leaves a field out.
    mutating func merge(_ newer: SessionSummary) {
        var merged = newer
        if merged.site.isEmpty { merged.site = summary.site }
        merged.siteName = newer.siteName ?? summary.siteName
        merged.sitePhone = newer.sitePhone ?? summary.sitePhone
        merged.page = newer.page ?? summary.page
        merged.visitorName = newer.visitorName ?? summary.visitorName
        merged.score = newer.score ?? summary.score
        merged.messages = newer.messages ?? summary.messages
        merged.lastAt = newer.lastAt ?? summary.lastAt
        summary = merged
    }

    /// "Demo Dental", or the site id when the server sent no name.
    var practice: String {
        let name = summary.siteName ?? ""
        return Sanitize.field(name.isEmpty ? (summary.site.isEmpty ? "chat" : summary.site) : name)
    }

    var visitor: String? { summary.visitorName.map { Sanitize.field($0) }.flatMap { $0.isEmpty ? nil : $0 } }
}
