import XCTest
import NightDeskCore

final class ConnectionCounterTests: XCTestCase {
    func testPerAddressLimitComesFirstAndOnlyForThatAddress() {
        var counter = ConnectionCounter(maxTotal: 3, maxPerAddress: 2)
        counter.opened("a")
        counter.opened("a")
        XCTAssertEqual(counter.refusal(for: "a"), .perAddress)
        XCTAssertNil(counter.refusal(for: "b"))
        counter.opened("b")
        XCTAssertEqual(counter.refusal(for: "b"), .total)
        XCTAssertEqual(counter.refusal(for: "a"), .perAddress)
    }

    func testClosingFreesAPlaceAndForgetsIdleAddresses() {
        var counter = ConnectionCounter(maxTotal: 1, maxPerAddress: 1)
        counter.opened("a")
        counter.closed("a")
        XCTAssertEqual(counter.total, 0)
        XCTAssertEqual(counter.count(for: "a"), 0)
        XCTAssertNil(counter.refusal(for: "a"))
        counter.closed("a")  // an unknown close changes nothing
        XCTAssertEqual(counter.total, 0)
    }

    func testLoweredLimitsRefuseNewConnectionsOnly() {
        var counter = ConnectionCounter(maxTotal: 10, maxPerAddress: 10)
        for _ in 0..<4 { counter.opened("a") }
        counter.maxPerAddress = 2
        XCTAssertEqual(counter.refusal(for: "a"), .perAddress)
        XCTAssertEqual(counter.count(for: "a"), 4)
    }
}
