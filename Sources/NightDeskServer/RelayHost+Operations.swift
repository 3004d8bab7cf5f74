import Dispatch
import NightDeskCore
import NightDeskTransport

// MARK: Operations

extension RelayHost {
    /// /healthz and /metrics; false for any other path (the staff API's).
    func answeredOperationsPage(_ exchange: UInt64, _ request: HTTPRequest) -> Bool {
        guard request.path == "/healthz" || request.path == "/metrics" else { return false }
        guard request.method == .get else {
            transport.respond(exchange, OperationsPages.refused(405, "use GET"))
            return true
        }
        if request.path == "/healthz" {
            health(exchange)
            return true
        }
        let token = config.settings.metricsToken
        guard OperationsPages.mayReadMetrics(request, token: token, hash: { tokens.hash($0) }) else {
            logger.notice("metrics: refused a scrape", metadata: ["peer": "\(WebSocketServer.loggable(request.peer))"])
            transport.respond(exchange, OperationsPages.refused(
                token == nil ? 403 : 401,
                token == nil ? "metrics are served to this machine only; set metrics_token to scrape from elsewhere"
                             : "send Authorization: Bearer <metrics_token>"))
            return true
        }
        transport.respond(exchange, OperationsPages.metricsResponse(metrics.render(liveFigures())))
        return true
    }

    func liveFigures() -> Metrics.Live {
        Metrics.Live(connectionsByRole: relay.connectionsByRole, sessions: relay.liveSessionCount,
                     offersWaiting: relay.liveOfferCount, offersMade: relay.offersMade,
                     rateLimitHits: relay.rateLimitHits, journal: journal.statistics.snapshot)
    }

    /// The loop's part now; the disk's part (shared with other requests,
    /// see `StorageProbeSchedule`) on a background queue; the answer on the loop.
    func health(_ exchange: UInt64) {
        let now = DispatchTime.now().uptimeNanoseconds
        switch storageProbes.ask(exchange, now: now) {
        case .answer(let probe):
            transport.respond(exchange, OperationsPages.health(loopState(now: now), probe))
        case .wait:
            break
        case .startProbe:
            let host = bound, transport = transport, dataDirectory = config.settings.dataDirectory
            DispatchQueue.global().async {
                let probe = StorageProbe.run(dataDirectory: dataDirectory)
                transport.post {
                    let relayHost = host.get()
                    let done = DispatchTime.now().uptimeNanoseconds
                    for waiting in relayHost.storageProbes.finished(probe, now: done) {
                        transport.respond(waiting, OperationsPages.health(relayHost.loopState(now: done), probe))
                    }
                }
            }
        }
    }

    func loopState(now: UInt64) -> OperationsPages.LoopState {
        OperationsPages.LoopState(
            loopAlive: now - lastTickAt < 2_000_000_000,
            journalHealthy: relay.storageHealthy, connections: relay.connectionCount, sessions: relay.liveSessionCount)
    }
}
