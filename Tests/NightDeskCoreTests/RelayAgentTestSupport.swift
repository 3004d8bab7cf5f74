import NightDeskCore

extension RelayHarness {
    /// Registers agents (token "token-<id>") and signs each in on its own
    /// connection (100, 101, ...), optionally available.
    @discardableResult
    func agents(_ specs: [(id: String, sites: [String], capacity: Int)], available: Bool = true) -> [String: ConnectionID] {
        let credentials = specs.map {
            AgentCredential(id: $0.id, name: $0.id.capitalized, sites: $0.sites, capacity: $0.capacity, tokenHash: "h(token-\($0.id))")
        }
        run(relay.updateAgents(credentials))
        var connections: [String: ConnectionID] = [:]
        for (index, spec) in specs.enumerated() {
            let c = ConnectionID(100 + index)
            open(c)
            send(c, #"{"type":"hello","role":"agent","token":"token-\#(spec.id)"}"#)
            if available { send(c, #"{"type":"status","available":true}"#) }
            connections[spec.id] = c
            clock.advance(seconds: 1)
        }
        return connections
    }

    /// A visitor on `connection` who says something; returns the session id
    /// and the frames each agent connection received.
    func visitorSpeaks(_ connection: ConnectionID, site: String = "demo", text: String = "I need an appointment") -> (String, [(ConnectionID, JSONValue)]) {
        let welcome = hello(connection, site: site).ofType("welcome").first
        let sent = run(relay.textReceived(connection, #"{"type":"say","id":"v-\#(connection)","text":"\#(text)"}"#))
        return (welcome?["session"]?.stringValue ?? "", sent)
    }

    @discardableResult
    func agentSend(_ connection: ConnectionID, _ frame: String) -> [(ConnectionID, JSONValue)] {
        run(relay.textReceived(connection, frame))
    }

    @discardableResult
    func tickAfter(seconds: Double) -> [(ConnectionID, JSONValue)] {
        clock.advance(seconds: seconds)
        return run(relay.tick())
    }
}

extension Array where Element == (ConnectionID, JSONValue) {
    func to(_ connection: ConnectionID) -> [JSONValue] { filter { $0.0 == connection }.map(\.1) }
    func offers() -> [(ConnectionID, JSONValue)] { filter { $0.1["type"]?.stringValue == "offer" } }
}

func closedSite(_ id: String = "demo", insideHours: InsideHoursRoute = .autoResponder, open: Bool = false) -> Site {
    var site = demoSite()
    site.id = id
    site.insideHours = insideHours
    let always = (1...7).map { OfficeBlock(weekday: $0, startMinute: 0, endMinute: 24 * 60) }
    site.officeHours = OfficeHours(timeZone: site.officeHours.timeZone, weekly: open ? always : [])
    return site
}
