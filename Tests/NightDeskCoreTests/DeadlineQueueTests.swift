@testable import NightDeskCore
import XCTest

final class DeadlineQueueTests: XCTestCase {
    private func at(_ ms: Int64) -> Timestamp { Timestamp(milliseconds: ms) }

    func testKeysComeOutEarliestFirstAndOnlyOnceDue() {
        var queue = DeadlineQueue<Int>()
        var generator = SystemRandomNumberGenerator()
        var dues: [Int64] = []
        for key in 0..<500 {
            let due = Int64.random(in: 0..<1000, using: &generator)
            dues.append(due)
            queue.add(key, at: at(due))
        }
        var popped: [Int64] = []
        for now in stride(from: Int64(0), through: 1000, by: 50) {
            while let key = queue.popDue(at: at(now)) {
                XCTAssertLessThanOrEqual(dues[key], now, "popped before it was due")
                XCTAssertGreaterThan(dues[key], now - 50, "left waiting past an earlier look")
                popped.append(dues[key])
            }
        }
        XCTAssertEqual(popped, dues.sorted())
        XCTAssertEqual(queue.count, 0)
    }

    func testNothingComesOutBeforeItsTime() {
        var queue = DeadlineQueue<String>()
        XCTAssertNil(queue.popDue(at: at(10)))
        queue.add("later", at: at(20))
        queue.add("sooner", at: at(15))
        XCTAssertNil(queue.popDue(at: at(14)))
        XCTAssertEqual(queue.popDue(at: at(15)), "sooner")
        XCTAssertNil(queue.popDue(at: at(19)))
        XCTAssertEqual(queue.popDue(at: at(25)), "later")
        XCTAssertNil(queue.popDue(at: at(25)))
    }

    /// A visitor whose tab comes and goes (or a client reconnecting in a
    /// loop) must not add a queued check each time: they would pile up for
    /// the whole idle timeout.
    func testATabThatComesAndGoesKeepsOneIdleCheckQueued() throws {
        let h = RelayHarness(sites: [demoSite(idle: 900)])
        let token = try XCTUnwrap(h.hello(1).ofType("welcome").first?["resume"]?.stringValue)
        h.run(h.relay.connectionClosed(1))
        for c: ConnectionID in 2...101 {
            h.hello(c, resume: token)
            h.clock.advance(seconds: 1)
            h.run(h.relay.connectionClosed(c))
        }
        XCTAssertEqual(h.relay.idleDeadlines.count, 1)
        h.tickAfter(seconds: 119)
        XCTAssertEqual(h.relay.liveSessionCount, 1, "the check re-queued itself for the later deadline")
        h.tickAfter(seconds: 1)
        XCTAssertEqual(h.relay.liveSessionCount, 0)
    }
}
