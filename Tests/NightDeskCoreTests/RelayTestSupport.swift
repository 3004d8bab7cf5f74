import Foundation
import NightDeskCore
import Synchronization

/// A clock the test moves by hand.
final class TestClock: Clock {
    private let current = Mutex<Int64>(Timestamp(rfc3339: "2026-11-21T04:00:00.000Z")?.milliseconds ?? 0)

    func now() -> Timestamp { Timestamp(milliseconds: current.withLock { $0 }) }
    func advance(seconds: Double) { current.withLock { $0 += Int64(seconds * 1000) } }
    func set(_ rfc3339: String) { current.withLock { $0 = Timestamp(rfc3339: rfc3339)?.milliseconds ?? 0 } }
}

/// Predictable secrets: "secret-1", "secret-2", ...
struct CountingTokens: TokenSource {
    var counter = 0
    mutating func newSecret() -> String { counter += 1; return "secret-\(counter)-padding-padding" }
    mutating func newIdentifier() -> String { counter += 1; return "id\(counter)" }
    func hash(_ secret: String) -> String { "h(" + secret + ")" }
}

func demoSite(idle: TimeInterval = 900, origins: [String] = []) -> Site {
    let tz = TimeZone(identifier: "America/New_York") ?? .gmt
    let weekdays = (1...5).map { OfficeBlock(weekday: $0, startMinute: 8 * 60, endMinute: 17 * 60) }
    return Site(id: "demo", name: "Demo Dental", phone: "+1 555 0100", tagline: "Gentle dentistry",
                officeHours: OfficeHours(timeZone: tz, weekly: weekdays), allowedOrigins: origins, idleTimeout: idle)
}

/// A relay with helpers to drive it and read what it sends.
final class RelayHarness {
    let clock = TestClock()
    let relay: Relay
    var journal: [JournalRecord] = []
    var leads: [LeadRecord] = []
    /// False: every durability wait is answered "the disk refused".
    var diskWorks = true

    init(sites: [Site] = [demoSite()], limits: Relay.Limits = Relay.Limits()) {
        relay = Relay(sites: sites, limits: limits, clock: clock, tokens: CountingTokens())
    }

    /// Runs effects as the server would with a disk that always succeeds,
    /// returning the frames sent, per connection.
    @discardableResult
    func run(_ effects: [RelayEffect]) -> [(ConnectionID, JSONValue)] {
        var sent: [(ConnectionID, JSONValue)] = []
        for effect in effects {
            switch effect {
            case .send(let c, let text): sent.append((c, (try? JSONParser.parse(text)) ?? .null))
            case .close(let c, let code, _): sent.append((c, .object(["type": .string("close"), "code": .number(Double(code))])))
            case .persist(let record): journal.append(record)
            case .whenDurable(let mark):
                sent += run(relay.written(mark))
                sent += run(relay.durable(mark, ok: diskWorks))
            case .writeLead(let lead, let then):
                leads.append(lead)
                sent += run(then)
            }
        }
        return sent
    }

    func open(_ c: ConnectionID, origin: String? = nil) { run(relay.connectionOpened(c, origin: origin)) }

    @discardableResult
    func send(_ c: ConnectionID, _ frame: String) -> [JSONValue] {
        run(relay.textReceived(c, frame)).filter { $0.0 == c }.map(\.1)
    }

    @discardableResult
    func hello(_ c: ConnectionID, site: String = "demo", resume: String? = nil, lastSeq: Int? = nil) -> [JSONValue] {
        open(c)
        var frame = "{\"type\":\"hello\",\"role\":\"visitor\",\"site\":\"\(site)\",\"page\":\"https://demo.example/implants\""
        if let resume { frame += ",\"resume\":\"\(resume)\"" }
        if let lastSeq { frame += ",\"last_seq\":\(lastSeq)" }
        return send(c, frame + "}")
    }
}

extension Array where Element == JSONValue {
    func ofType(_ type: String) -> [JSONValue] { filter { $0["type"]?.stringValue == type } }
}
