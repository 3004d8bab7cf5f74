// libFuzzer harness: client frames (JSON text) into the frame decoder, then
// into a relay, the way the server hands them over. Input: one frame per
// line; a line starting with "2\t" comes from a second visitor connection
// (resume, a second tab), "3\t" from an agent's (token "agent-secret",
// sessions are named s-2, s-4, ...), so routing and agent frames are reachable. A rejection
// (an `error` frame) is the right answer to garbage; a trap, a hang or an
// ASan report is a bug.
import Foundation
import NightDeskCore

/// Fixed time, so a crash reproduces from its input alone.
struct FixedClock: Clock {
    func now() -> Timestamp { Timestamp(milliseconds: 1_795_000_000_000) }
}

/// Predictable tokens; the relay only needs them unique.
struct CountingTokens: TokenSource {
    var counter = 0
    mutating func newSecret() -> String { counter += 1; return "secret-\(counter)-0123456789abcdef" }
    mutating func newIdentifier() -> String { counter += 1; return "\(counter)" }
    func hash(_ secret: String) -> String { "h:" + secret }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrame(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let relay = Relay(sites: NightDeskConfig.demo.sites, limits: Relay.Limits(), clock: FixedClock(),
                      tokens: CountingTokens())
    settle(relay, relay.updateAgents([AgentCredential(id: "amy", name: "Amy", sites: ["demo"], capacity: 2,
                                                      tokenHash: "h:agent-secret")]))
    _ = relay.connectionOpened(1, origin: nil)
    _ = relay.connectionOpened(2, origin: "https://example.invalid")
    _ = relay.connectionOpened(3, origin: nil)
    for line in text.split(separator: "\n", omittingEmptySubsequences: true).prefix(32) {
        var frame = String(line)
        var connection: ConnectionID = 1
        if frame.hasPrefix("2\t") { connection = 2; frame.removeFirst(2) }
        if frame.hasPrefix("3\t") { connection = 3; frame.removeFirst(2) }
        // The decoder alone, as a rejection must carry the frame's ref.
        if case .failure(let rejection) = Result(catching: { () throws(FrameRejection) in try ClientFrame.parse(frame) }) {
            _ = rejection.ref
        }
        settle(relay, relay.textReceived(connection, frame))
    }
    settle(relay, relay.tick())
    settle(relay, relay.connectionClosed(3))
    settle(relay, relay.connectionClosed(1))
    return 0
}

/// Answers every durability wait (the disk always works) and lead write,
/// as RelayHost does, a bounded number of rounds.
func settle(_ relay: Relay, _ effects: [RelayEffect]) {
    var pending = effects
    var rounds = 0
    while !pending.isEmpty, rounds < 64 {
        rounds += 1
        var next: [RelayEffect] = []
        for effect in pending {
            switch effect {
            case .whenDurable(let mark): next += relay.durable(mark, ok: true)
            case .writeLead(_, let then): next += then
            case .send, .close, .persist: break
            }
        }
        pending = next
    }
}
