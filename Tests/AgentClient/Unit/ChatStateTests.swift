@testable import nightdesk_agent
import XCTest

final class ChatStateTests: XCTestCase {
    func testNumbersAreStableAndActiveFollowsOwnership() {
        var book = ChatBook()
        let a = book.upsert(SessionSummary(session: "s-a", site: "demo"))
        let b = book.upsert(SessionSummary(session: "s-b", site: "smile"))
        XCTAssertEqual([a, b], [1, 2])
        var again = SessionSummary(session: "s-a", site: "demo")
        again.siteName = "Demo Dental"
        XCTAssertEqual(book.upsert(again), 1, "the same session keeps its number")
        XCTAssertEqual(book[1]?.practice, "Demo Dental")

        XCTAssertFalse(book.activate(2), "not ours yet")
        book.setMine(1, true)
        book.setMine(2, true)
        XCTAssertTrue(book.activate(2))
        book.markEnded(2)
        book.ensureActive()
        XCTAssertEqual(book.active, 1)
        XCTAssertEqual(book.mine.map(\.number), [1])
    }

    func testOffersLapse() {
        var book = ChatBook()
        let n = book.upsert(SessionSummary(session: "s", site: "demo"))
        book.addOffer(number: n, deadline: 100)
        XCTAssertEqual(book.offer(nil)?.number, n)
        XCTAssertEqual(book.expireOffers(now: 99).count, 0)
        XCTAssertEqual(book.expireOffers(now: 100).map(\.number), [n])
        XCTAssertNil(book.offer(nil))
    }

    func testMessagesShowOnceWhateverTheOrder() {
        var chat = Chat(number: 1, summary: SessionSummary(session: "s", site: "demo"))
        XCTAssertTrue(chat.record(ChatMessage(seq: 2, from: "bot", text: "b")))
        XCTAssertTrue(chat.record(ChatMessage(seq: 1, from: "visitor", text: "a")))
        XCTAssertFalse(chat.record(ChatMessage(seq: 2, from: "bot", text: "b")))
        XCTAssertEqual(chat.recent.map(\.seq), [1, 2])
        XCTAssertEqual(chat.lastSeq, 2)
    }

    func testPendingSays() {
        var pending = PendingSays()
        pending.add(.init(id: "a-1", session: "s", text: "hello"))
        pending.add(.init(id: "a-2", session: "t", text: "other"))
        XCTAssertTrue(pending.isEcho(session: "s", text: "hello"))
        XCTAssertFalse(pending.isEcho(session: "t", text: "hello"))
        XCTAssertEqual(pending.take(id: "a-1")?.text, "hello")
        XCTAssertNil(pending.take(id: "a-1"))
        XCTAssertEqual(pending.takeAll(session: "t").count, 1)
        XCTAssertTrue(pending.isEmpty)
    }

    func testFrameIDsDoNotRepeatAcrossRuns() {
        var first = FrameIDs(start: 1000)
        XCTAssertEqual([first.make(), first.make()], ["a-1000", "a-1001"])
        var later = FrameIDs()
        XCTAssertNotEqual(later.make(), "a-1")
    }

    func testBackoffGrowsWithJitterAndCaps() {
        var backoff = Backoff(base: 0.5, cap: 30)
        var rng = SeededRandom(seed: 42)
        var ceilings: [Double] = []
        for _ in 0..<12 { ceilings.append(backoff.nextDelay(using: &rng)) }
        let limits = [0.5, 1, 2, 4, 8, 16, 30, 30, 30, 30, 30, 30]
        for (delay, limit) in zip(ceilings, limits) {
            XCTAssertGreaterThanOrEqual(delay, limit / 2)
            XCTAssertLessThanOrEqual(delay, limit)
        }
        backoff.reset()
        XCTAssertLessThanOrEqual(backoff.nextDelay(using: &rng), 0.5)
    }
}

/// SplitMix64: a repeatable generator for jitter tests.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
