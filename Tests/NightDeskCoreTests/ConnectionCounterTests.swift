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

final class ConnectionLimitConfigTests: XCTestCase {
    func testDefaultsAndKeys() throws {
        let config = try NightDeskConfig.parse("""
            [server]
            max_connections = 200
            max_connections_per_ip = 5
            metrics_token = "0123456789abcdef-scrape"
            [sites.demo]
            name = "Demo Dental"
            phone = "+1 555 0100"
            timezone = "America/New_York"
            """, source: "t.toml")
        XCTAssertEqual(config.settings.maxConnections, 200)
        XCTAssertEqual(config.settings.maxConnectionsPerAddress, 5)
        XCTAssertEqual(config.settings.metricsToken, "0123456789abcdef-scrape")
        let defaults = ServerSettings()
        XCTAssertEqual(defaults.maxConnections, 15_000)
        XCTAssertEqual(defaults.maxConnectionsPerAddress, 256)
        XCTAssertNil(defaults.metricsToken)
    }

    func testAShortMetricsTokenAndAZeroLimitAreRefused() {
        XCTAssertThrowsError(try NightDeskConfig.parse("""
            [server]
            max_connections_per_ip = 0
            metrics_token = "short"
            """, source: "t.toml")) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("max_connections_per_ip"), text)
            XCTAssertTrue(text.contains("metrics_token"), text)
        }
    }
}

final class AddressKeyTests: XCTestCase {
    func testIPv4CountsByAddress() {
        XCTAssertEqual(AddressKey.of("203.0.113.7"), "203.0.113.7")
        XCTAssertEqual(AddressKey.of("::ffff:127.0.0.1"), "127.0.0.1")
        XCTAssertEqual(AddressKey.of("::FFFF:10.0.0.1"), "10.0.0.1")
        XCTAssertEqual(AddressKey.of("::ffff:1234"), "0:0:0:0::/64", "no dot: an IPv6 address, not a mapped IPv4 one")
    }

    func testIPv6CountsByItsSlash64() {
        XCTAssertEqual(AddressKey.of("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64")
        XCTAssertEqual(AddressKey.of("2001:DB8:1:2::1"), "2001:db8:1:2::/64")
        XCTAssertEqual(AddressKey.of("2001:db8::1"), "2001:db8:0:0::/64")
        XCTAssertEqual(AddressKey.of("2001:db8::1"), AddressKey.of("2001:0db8:0000:0000:ffff::9"))
        XCTAssertNotEqual(AddressKey.of("2001:db8:0:1::1"), AddressKey.of("2001:db8:0:2::1"))
        XCTAssertEqual(AddressKey.of("::1"), "0:0:0:0::/64")
        XCTAssertEqual(AddressKey.of("fe80::1%eth0"), "fe80:0:0:0::/64")
    }

    func testAnythingElseIsItsOwnKey() {
        XCTAssertEqual(AddressKey.of("?"), "?")
        XCTAssertEqual(AddressKey.of("1:2:3"), "1:2:3")
        XCTAssertEqual(AddressKey.of("1::2::3"), "1::2::3")
        XCTAssertEqual(AddressKey.of("12345::1"), "12345::1")
    }
}
