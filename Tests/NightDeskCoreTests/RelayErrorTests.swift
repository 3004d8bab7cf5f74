import NightDeskCore
import XCTest

final class RelayErrorTests: XCTestCase {
    func testAFirstFrameOtherThanHelloIsHelloRequiredAndClose1008() {
        let h = RelayHarness()
        h.open(1)
        let frames = h.send(1, #"{"type":"say","id":"c-1","text":"hi"}"#)
        XCTAssertEqual(frames.first?["code"], .string("hello_required"))
        XCTAssertEqual(frames.last?["code"], .number(1008))
    }

    func testAMalformedHelloIsBadRequestAndTheConnectionMayTryAgain() {
        let h = RelayHarness()
        h.open(1)
        for bad in [#"{"type":"hello","role":"visitor"}"#, #"{"type":"hello","role":"visitor","site":"demo","last_seq":"x"}"#,
                    #"{"type":"hello","role":"pirate","site":"demo"}"#, #"{"type":"hello","role":"visitor","site":"demo","utm":[1]}"#] {
            let frames = h.send(1, bad)
            XCTAssertEqual(frames.map { $0["code"] }, [.string("bad_request")], bad)
        }
        XCTAssertFalse(h.send(1, #"{"type":"hello","role":"visitor","site":"demo"}"#).ofType("welcome").isEmpty)
    }

    func testNoHelloWithinTheTimeoutCloses1008() {
        var limits = Relay.Limits()
        limits.helloTimeout = 10
        let h = RelayHarness(limits: limits)
        h.open(1)
        h.clock.advance(seconds: 9.9)
        XCTAssertTrue(h.run(h.relay.tick()).isEmpty)
        h.clock.advance(seconds: 0.1)
        XCTAssertEqual(h.run(h.relay.tick()).first?.1["code"], .number(1008))
    }

    func testUnknownSiteIsRefused() {
        let h = RelayHarness()
        let frames = h.hello(1, site: "nope")
        XCTAssertEqual(frames.first?["code"], .string("unknown_site"))
        XCTAssertEqual(frames.last?["code"], .number(1008))
    }

    func testBadFramesGetBadRequestAndTheConnectionStaysUsable() {
        let h = RelayHarness()
        h.hello(1)
        for bad in ["{not json", "[1,2]", #"{"type":"dance"}"#, #"{"type":"say","id":"c-1"}"#,
                    #"{"type":"say","id":"c-1","text":5}"#, #"{"type":"typing"}"#, #"{"type":"say","text":"x"}"#] {
            let frames = h.send(1, bad)
            XCTAssertEqual(frames.first?["code"], .string("bad_request"), bad)
        }
        XCTAssertEqual(h.run(h.relay.binaryReceived(1)).first?.1["code"], .string("bad_request"))
        let ok = h.send(1, #"{"type":"say","id":"c-9","text":"still here"}"#)
        XCTAssertEqual(ok.ofType("ack").first?["id"], .string("c-9"))
    }

    func testErrorsCarryTheRefOfTheFrameTheyAnswer() {
        let h = RelayHarness()
        h.hello(1)
        let frames = h.send(1, #"{"type":"say","id":"c-7","text":5}"#)
        XCTAssertEqual(frames.first?["ref"], .string("c-7"))
    }

    func testTextOverTheLimitIsTooLarge() {
        let h = RelayHarness()
        h.hello(1)
        let long = String(repeating: "a", count: 4001)
        let frames = h.send(1, #"{"type":"say","id":"c-1","text":""# + long + #""}"#)
        XCTAssertEqual(frames.first?["code"], .string("too_large"))
        XCTAssertEqual(frames.first?["ref"], .string("c-1"))
        // The limit counts characters, not bytes: 4,000 four-byte emoji and
        // a 64-character id of two-byte letters are within it.
        let emoji = String(repeating: "😀", count: 4000)
        let id = String(repeating: "é", count: 64)
        let within = h.send(1, #"{"type":"say","id":""# + id + #"","text":""# + emoji + #""}"#)
        XCTAssertFalse(within.contains { $0["type"] == .string("error") }, "\(within)")
        XCTAssertEqual(h.send(1, #"{"type":"say","id":"c-2","text":""# + emoji + #"😀"}"#).first?["code"], .string("too_large"))
        XCTAssertEqual(h.send(1, #"{"type":"say","id":""# + id + #"é","text":"hi"}"#).first?["code"], .string("bad_request"))
    }

    func testAFloodIsRateLimitedFrameByFrame() {
        var limits = Relay.Limits()
        limits.framesPerMinute = 10
        let h = RelayHarness(limits: limits)
        h.hello(1)
        var limited = 0
        for i in 0..<20 {
            limited += h.send(1, #"{"type":"typing","on":true}"#.replacingOccurrences(of: "true", with: i % 2 == 0 ? "true" : "false"))
                .filter { $0["code"] == .string("rate_limited") }.count
        }
        XCTAssertEqual(limited, 11)
        h.clock.advance(seconds: 6)
        XCTAssertTrue(h.send(1, #"{"type":"typing","on":false}"#).isEmpty)
    }

    func testASiteWithAllowedOriginsRefusesOthers() {
        let h = RelayHarness(sites: [demoSite(origins: ["https://demo.example"])])
        h.open(1, origin: "https://evil.example")
        let frames = h.send(1, #"{"type":"hello","role":"visitor","site":"demo"}"#)
        XCTAssertEqual(frames.first?["code"], .string("unauthorized"))
        h.open(2, origin: "https://demo.example")
        XCTAssertFalse(h.send(2, #"{"type":"hello","role":"visitor","site":"demo"}"#).ofType("welcome").isEmpty)
    }

    func testWhenStorageFailsNewSessionsAreRefusedWithThePhoneNumber() {
        let h = RelayHarness()
        h.relay.storageFailed()
        let frames = h.hello(1)
        XCTAssertEqual(frames.first?["code"], .string("unavailable"))
        XCTAssertTrue(frames.first?["message"]?.stringValue?.contains("+1 555 0100") ?? false)
        h.relay.storageRecovered()
        XCTAssertFalse(h.hello(2).ofType("welcome").isEmpty)
    }
}
