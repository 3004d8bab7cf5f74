import XCTest
import NightDeskTransport
@testable import NightDeskServer

final class OperationsPagesTests: XCTestCase {
    private func request(peer: String, authorization: String? = nil) -> HTTPRequest {
        var r = HTTPRequest(method: .get, path: "/metrics", query: [:], authorization: authorization, body: [], bodyTooLarge: false)
        r.peer = peer
        return r
    }

    private let hash = { (s: String) in OpenSSLTokens().hash(s) }

    func testWithoutATokenOnlyLoopbackMayScrape() {
        for peer in ["127.0.0.1", "127.0.0.2", "::1", "::ffff:127.0.0.1"] {
            XCTAssertTrue(OperationsPages.mayReadMetrics(request(peer: peer), token: nil, hash: hash), peer)
        }
        for peer in ["10.0.0.7", "::ffff:192.168.1.4", "2001:db8::1", "", "127", "::ffff:10.127.0.1"] {
            XCTAssertFalse(OperationsPages.mayReadMetrics(request(peer: peer), token: nil, hash: hash), peer)
        }
    }

    func testWithATokenEveryPeerMustBearIt() {
        let token = "0123456789abcdef-scrape"
        XCTAssertTrue(OperationsPages.mayReadMetrics(request(peer: "10.0.0.7", authorization: "Bearer \(token)"), token: token, hash: hash))
        XCTAssertFalse(OperationsPages.mayReadMetrics(request(peer: "127.0.0.1"), token: token, hash: hash),
                       "loopback is not enough once a token is set")
        for wrong in ["Bearer \(token)x", "Bearer ", "Basic \(token)", token, "bearer \(token)"] {
            XCTAssertFalse(OperationsPages.mayReadMetrics(request(peer: "10.0.0.7", authorization: wrong), token: token, hash: hash), wrong)
        }
    }

    func testHealthIs503WithEveryReason() throws {
        let loop = OperationsPages.LoopState(loopAlive: false, journalHealthy: false, connections: 1, sessions: 2)
        let storage = StorageProbe(writable: false, freeBytes: 1024, problem: "cannot create a file in the data directory: EROFS")
        let response = OperationsPages.health(loop, storage)
        XCTAssertEqual(response.status, 503)
        let body = String(decoding: response.body, as: UTF8.self)
        for needle in ["\"status\":\"unavailable\"", "\"storage_writable\":false", "\"loop_alive\":false", "\"free_disk_bytes\":1024",
                       "ticked", "journal", "EROFS", "MiB free"] {
            XCTAssertTrue(body.contains(needle), "\(needle) missing from \(body)")
        }
    }

    func testHealthIs200WhenAllIsWell() {
        let loop = OperationsPages.LoopState(loopAlive: true, journalHealthy: true, connections: 0, sessions: 0)
        let response = OperationsPages.health(loop, StorageProbe(writable: true, freeBytes: 1 << 40, problem: nil))
        XCTAssertEqual(response.status, 200)
        XCTAssertTrue(String(decoding: response.body, as: UTF8.self).contains("\"problems\":[]"))
    }
}

final class StorageProbeScheduleTests: XCTestCase {
    private let ok = StorageProbe(writable: true, freeBytes: 1 << 30, problem: nil)

    func testOneProbeAtATimeAndItsResultReusedForASecond() {
        var schedule = StorageProbeSchedule()
        XCTAssertEqual(schedule.ask(1, now: 0), .startProbe)
        XCTAssertEqual(schedule.ask(2, now: 10), .wait)
        XCTAssertEqual(schedule.finished(ok, now: 100), [1, 2])
        XCTAssertEqual(schedule.ask(3, now: 100 + 999_999_999), .answer(ok))
        XCTAssertEqual(schedule.ask(4, now: 100 + 1_000_000_000), .startProbe, "a second later the disk is asked again")
        XCTAssertEqual(schedule.finished(ok, now: 2_000_000_000), [4])
    }
}
