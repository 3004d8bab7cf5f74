/// A WebSocket connection as the relay tracks it.
struct Connection {
    enum State: Equatable {
        case awaitingHello
        case visitor(session: String)
        case agent(id: String)
        /// Told to close; frames from it are ignored.
        case closing
    }

    var state: State = .awaitingHello
    let openedAt: Timestamp
    /// The browser's `Origin` header, when it sent one.
    let origin: String?
    var rateLimit: TokenBucket

    init(openedAt: Timestamp, origin: String?, framesPerMinute: Int) {
        self.openedAt = openedAt
        self.origin = origin
        self.rateLimit = TokenBucket(capacity: Double(framesPerMinute), perSecond: Double(framesPerMinute) / 60, now: openedAt)
    }
}

/// Allows bursts up to `capacity`, refilling steadily; a flood is refused
/// frame by frame without closing a legitimate but excited visitor.
struct TokenBucket {
    let capacity: Double
    let perSecond: Double
    var tokens: Double
    var updated: Timestamp

    init(capacity: Double, perSecond: Double, now: Timestamp) {
        self.capacity = capacity
        self.perSecond = perSecond
        self.tokens = capacity
        self.updated = now
    }

    mutating func take(now: Timestamp) -> Bool {
        tokens = min(capacity, tokens + max(0, now.seconds(since: updated)) * perSecond)
        updated = now
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}
