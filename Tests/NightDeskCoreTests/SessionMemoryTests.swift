@testable import NightDeskCore
import XCTest

/// An idle session should cost little beyond its sockets: what every
/// session of a site has alike is held once, not per session.
final class SessionMemoryTests: XCTestCase {
    private func storage(_ text: String) -> UnsafeRawPointer? {
        var copy = text
        return copy.withUTF8 { UnsafeRawPointer($0.baseAddress) }
    }

    func testSessionsOfASiteShareItsSettingsGreetingAndOrigin() throws {
        let origin = "https://www.demo-dental.example"
        let h = RelayHarness(sites: [demoSite(origins: [origin])])
        h.run(h.relay.connectionOpened(1, origin: String(origin.utf8.map { Character(UnicodeScalar($0)) })))
        h.run(h.relay.connectionOpened(2, origin: String(origin.utf8.map { Character(UnicodeScalar($0)) })))
        for c: ConnectionID in [1, 2] {
            h.send(c, #"{"type":"hello","role":"visitor","site":"demo"}"#)
        }
        let sessions = Array(h.relay.sessions.values)
        XCTAssertEqual(sessions.count, 2)
        let (a, b) = (sessions[0], sessions[1])
        XCTAssertTrue(a.sharedSite === b.sharedSite, "one copy of the site for all its sessions")
        let greeting = try XCTUnwrap(a.messages.first?.text)
        XCTAssertGreaterThan(greeting.utf8.count, 15, "a greeting long enough to live on the heap")
        XCTAssertEqual(storage(greeting), storage(try XCTUnwrap(b.messages.first?.text)), "one copy of the greeting")
        let origins = [h.relay.connections[1]?.origin, h.relay.connections[2]?.origin].compactMap { $0 }
        XCTAssertEqual(origins.count, 2)
        XCTAssertEqual(storage(origins[0]), storage(origins[1]), "one copy of the origin")
    }

    /// The greeting is rendered once per site and office status, but a new
    /// visitor must still hear the office's state now and the site's
    /// settings now.
    func testTheSharedGreetingFollowsTheOfficeAndAReload() throws {
        let h = RelayHarness()
        func greeting(_ c: ConnectionID) throws -> String {
            let message = try XCTUnwrap(h.hello(c).ofType("message").first)
            return try XCTUnwrap(message["text"]?.stringValue)
        }
        h.clock.set("2026-11-10T23:00:00.000Z")  // Tuesday 18:00 EST: closed
        let closed = try greeting(1)
        XCTAssertEqual(try greeting(2), closed)
        XCTAssertTrue(closed.contains("Wednesday"), "the next opening, tomorrow: \(closed)")

        h.clock.set("2026-11-11T15:00:00.000Z")  // Wednesday 10:00 EST: open
        let open = try greeting(3)
        XCTAssertNotEqual(open, closed, "a visitor while the office is open was greeted as if it were closed")

        var renamed = demoSite()
        renamed.name = "Renamed Dental"
        h.relay.updateSites([renamed])
        XCTAssertTrue(try greeting(4).contains("Renamed Dental"), "a reload did not reach the greeting")
    }
}
