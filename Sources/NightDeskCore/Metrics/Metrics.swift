/// The server's counters and histograms since start, for `GET /metrics`.
///
/// Owned by the service thread, like the relay it watches: plain stored
/// properties, no lock and no atomics on the hot path. What other threads
/// measure (the journal writer's fsyncs and bytes) is kept by them and
/// handed in as a `JournalFigures` value when the page is rendered.
public struct Metrics: Sendable {
    public private(set) var acks = 0
    public private(set) var ackLatency = Histogram.latencySeconds()
    public private(set) var firstResponse = Histogram.responseSeconds()
    public private(set) var leadsByScore: [String: Int] = ["hot": 0, "warm": 0, "cold": 0]
    public private(set) var limitHits: [String: Int] = [:]

    public init() {}

    /// A message acknowledged `seconds` after it arrived (the fsync wait).
    public mutating func acknowledged(after seconds: Double) {
        acks += 1
        ackLatency.observe(seconds)
    }

    /// A lead written, with its score and the visitor's wait for a first answer.
    public mutating func leadWritten(score: String, firstResponseMilliseconds: Int?) {
        leadsByScore[score, default: 0] += 1
        if let ms = firstResponseMilliseconds { firstResponse.observe(Double(ms) / 1000) }
    }

    /// A connection or frame refused by a limit, named as its config key.
    public mutating func limitHit(_ limit: String) {
        limitHits[limit, default: 0] += 1
    }

    /// What the relay and the journal know now, read at render time.
    public struct Live: Sendable {
        public var connectionsByRole: [String: Int]
        public var sessions: Int
        public var offersWaiting: Int
        public var offersMade: Int
        public var rateLimitHits: Int
        public var journal: JournalFigures

        public init(connectionsByRole: [String: Int], sessions: Int, offersWaiting: Int, offersMade: Int,
                    rateLimitHits: Int, journal: JournalFigures) {
            self.connectionsByRole = connectionsByRole
            self.sessions = sessions
            self.offersWaiting = offersWaiting
            self.offersMade = offersMade
            self.rateLimitHits = rateLimitHits
            self.journal = journal
        }
    }

    /// The Prometheus text page.
    public func render(_ live: Live) -> String {
        var page = PrometheusText()
        page.gauges("nightdesk_connections", "Open WebSocket connections by role (pending: no hello yet).",
                    by: "role", live.connectionsByRole.sorted { $0.key < $1.key })
        page.gauge("nightdesk_sessions_live", "Chat sessions in memory, not yet ended.", Double(live.sessions))
        page.gauge("nightdesk_offers_waiting", "Offers sent to an agent and not yet answered.", Double(live.offersWaiting))
        page.counter("nightdesk_offers_total", "Chats offered to agents.", live.offersMade)
        page.counter("nightdesk_acks_total", "Messages acknowledged as durable.", acks)
        page.histogram("nightdesk_ack_latency_seconds", "From a message's arrival to its ack (journal fsync included).", ackLatency)
        page.histogram("nightdesk_first_response_seconds", "From a visitor's first message to the first answer, per lead.", firstResponse)
        page.counters("nightdesk_leads_total", "Leads written, by score.", by: "score",
                      leadsByScore.sorted { $0.key < $1.key })
        var hits = limitHits
        hits["frames_per_minute", default: 0] += live.rateLimitHits
        for name in ["max_connections", "max_connections_per_ip", "max_frame_bytes", "max_queued_bytes"] {
            hits[name, default: 0] += 0
        }
        page.counters("nightdesk_limit_hits_total", "Connections or frames refused by a limit, named by its config key.",
                      by: "limit", hits.sorted { $0.key < $1.key })
        page.counter("nightdesk_journal_bytes_written_total", "Bytes written to the journal.", live.journal.bytesWritten)
        page.histogram("nightdesk_fsync_latency_seconds", "Journal fdatasync time, one per group commit.", live.journal.fsyncLatency)
        return page.text
    }
}

/// The journal writer's own figures, copied out under its lock.
public struct JournalFigures: Sendable {
    public var bytesWritten: Int
    public var fsyncLatency: Histogram

    public init(bytesWritten: Int = 0, fsyncLatency: Histogram = .latencySeconds()) {
        self.bytesWritten = bytesWritten
        self.fsyncLatency = fsyncLatency
    }
}
