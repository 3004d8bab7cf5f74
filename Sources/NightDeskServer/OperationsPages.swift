import NightDeskCore
import NightDeskTransport

/// `GET /healthz` and `GET /metrics`, for the operator's monitoring.
///
/// /healthz is open to anyone: it says only whether the server can take
/// chats. /metrics says how busy the practices are, so it is for the
/// operator: with `metrics_token` set, a scraper sends
/// `Authorization: Bearer <metrics_token>` (Prometheus' `authorization`
/// setting); without it, only a scraper on this machine (loopback) is
/// answered, as node_exporter-style setups behind a reverse proxy expect.
enum OperationsPages {
    static func isLoopback(_ peer: String) -> Bool {
        peer.hasPrefix("127.") || peer == "::1" || peer.hasPrefix("::ffff:127.")
    }

    /// Whether `request` may read the metrics page.
    static func mayReadMetrics(_ request: HTTPRequest, token: String?, hash: (String) -> String) -> Bool {
        guard let token else { return isLoopback(request.peer) }
        guard let header = request.authorization, header.hasPrefix("Bearer ") else { return false }
        let presented = String(header.dropFirst("Bearer ".count))
        // Hashing both sides first makes the constant-time compare see equal lengths.
        return OpenSSLTokens.equal(hash(presented), hash(token))
    }

    static func metricsResponse(_ page: String) -> HTTPResponse {
        HTTPResponse(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8", body: Array(page.utf8))
    }

    static func refused(_ status: UInt32, _ message: String) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "text/plain; charset=utf-8", body: Array((message + "\n").utf8))
    }

    /// What the service thread knows when /healthz is asked.
    struct LoopState: Sendable {
        var loopAlive: Bool
        var journalHealthy: Bool
        var connections: Int
        var sessions: Int
    }

    /// 200 when chats can be taken and kept; 503 with the reasons otherwise.
    static func health(_ loop: LoopState, _ storage: StorageProbe) -> HTTPResponse {
        var problems: [String] = []
        if !loop.loopAlive { problems.append("the service loop has not ticked for over 2 seconds") }
        if !loop.journalHealthy { problems.append("the journal's last write or fsync failed") }
        if let problem = storage.problem { problems.append(problem) }
        if let free = storage.freeBytes, free < StorageProbe.reserveBytes {
            problems.append("less than \(StorageProbe.reserveBytes / 1_048_576) MiB free in the data directory")
        }
        var w = JSONWriter()
        w.field("status", problems.isEmpty ? "ok" : "unavailable")
        w.field("storage_writable", storage.writable && loop.journalHealthy)
        w.field("loop_alive", loop.loopAlive)
        if let free = storage.freeBytes { w.field("free_disk_bytes", Int(free)) } else { w.fieldNull("free_disk_bytes") }
        w.field("connections", loop.connections)
        w.field("sessions", loop.sessions)
        w.field("problems", strings: problems)
        return HTTPResponse(status: problems.isEmpty ? 200 : 503, contentType: "application/json", body: Array(w.finished.utf8))
    }
}
