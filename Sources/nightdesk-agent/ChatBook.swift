/// Every session the client has heard of, each with a stable `#N` for as
/// long as the client runs (the same number in offers, `/list`, `/take`,
/// `/switch` and `/close`), the active chat, and the open offers.
struct ChatBook {
    private(set) var chats: [Int: Chat] = [:]
    private var numbers: [String: Int] = [:]
    private var nextNumber = 1
    /// Where plain text goes.
    private(set) var active: Int?
    private(set) var offers: [PendingOffer] = []

    struct PendingOffer: Equatable {
        var number: Int
        var session: String
        /// Monotonic seconds (see `AgentClock`) when the offer lapses.
        var deadline: Double
    }

    /// The chat of `summary.session`, made and numbered if new, its
    /// details refreshed.
    @discardableResult
    mutating func upsert(_ summary: SessionSummary) -> Int {
        if let n = numbers[summary.session], chats[n] != nil {
            chats[n]?.merge(summary)
            return n
        }
        let n = nextNumber
        nextNumber += 1
        numbers[summary.session] = n
        chats[n] = Chat(number: n, summary: summary)
        return n
    }

    func number(of session: String) -> Int? { numbers[session] }

    subscript(number: Int) -> Chat? {
        get { chats[number] }
        set { chats[number] = newValue }
    }

    /// Chats assigned to this agent, by number.
    var mine: [Chat] { chats.values.filter { $0.mine && !$0.ended }.sorted { $0.number < $1.number } }

    mutating func setMine(_ number: Int, _ mine: Bool) {
        chats[number]?.mine = mine
        if !mine, active == number { active = self.mine.first?.number }
    }

    mutating func markEnded(_ number: Int) {
        chats[number]?.ended = true
        chats[number]?.visitorTyping = false
        setMine(number, false)
        offers.removeAll { $0.number == number }
    }

    /// Makes `number` the active chat; false when it is not this agent's.
    mutating func activate(_ number: Int) -> Bool {
        guard let chat = chats[number], chat.mine, !chat.ended else { return false }
        active = number
        chats[number]?.unread = 0
        return true
    }

    /// When the active chat went away, the next of the agent's chats.
    mutating func ensureActive() {
        if let a = active, chats[a]?.mine == true, chats[a]?.ended == false { return }
        active = mine.first?.number
        if let a = active { chats[a]?.unread = 0 }
    }

    mutating func addOffer(number: Int, deadline: Double) {
        guard let session = chats[number]?.session else { return }
        offers.removeAll { $0.number == number }
        offers.append(PendingOffer(number: number, session: session, deadline: deadline))
    }

    mutating func removeOffer(_ number: Int) {
        offers.removeAll { $0.number == number }
    }

    /// The offer `/accept` or `/decline` means: the one named, else the latest.
    func offer(_ number: Int?) -> PendingOffer? {
        guard let number else { return offers.last }
        return offers.first { $0.number == number }
    }

    /// Removes and returns the offers whose time is up.
    mutating func expireOffers(now: Double) -> [PendingOffer] {
        let expired = offers.filter { $0.deadline <= now }
        offers.removeAll { $0.deadline <= now }
        return expired
    }
}
