import Foundation
@testable import NightDeskCore

/// Plays a visitor's messages through the script responder the way the relay
/// does (each reply lands in the transcript) and keeps what it said.
struct ScriptConversation {
    var site: Site
    var office: OfficeStatus
    var recorded: [String: String] = [:]
    private(set) var transcript: [Message] = []
    private(set) var memory = ResponderMemory()
    /// The replies to each visitor message, in order; [0] is the greeting.
    private(set) var turns: [[String]] = []
    let responder = ScriptResponder()

    /// Demo Dental, closed, opening on Monday 2026-11-23 at 8:00 New York time.
    static let mondayOpening = Date(timeIntervalSince1970: 1_795_438_800)

    init(site: Site = NightDeskConfig.demo.sites[0], open: Bool = false) {
        self.site = site
        office = OfficeStatus(isOpen: open, nextOpen: Self.mondayOpening)
        let greeting = responder.greeting(context)
        turns.append(greeting)
        for line in greeting { append(.bot, line) }
    }

    var context: ResponderContext { ResponderContext(site: site, office: office, recorded: recorded) }

    @discardableResult
    mutating func visitor(_ text: String) -> [String] {
        append(.visitor, text)
        let outcome = responder.respond(to: transcript, after: memory, context)
        memory = outcome.memory
        turns.append(outcome.replies)
        for line in outcome.replies { append(.bot, line) }
        return outcome.replies
    }

    /// An agent's words: read by the responder, which stays silent.
    mutating func agent(_ text: String) {
        append(.agent, text)
        memory = responder.respond(to: transcript, after: memory, context).memory
    }

    /// A visitor's words while an agent holds the chat: facts are taken,
    /// nothing is said.
    mutating func visitorToAgent(_ text: String) {
        append(.visitor, text)
        var held = context
        held.agentHolds = true
        let outcome = responder.respond(to: transcript, after: memory, held)
        memory = outcome.memory
        turns.append(outcome.replies)
    }

    mutating func release() -> [String] {
        let outcome = responder.resume(after: memory, context)
        memory = outcome.memory
        for line in outcome.replies { append(.bot, line) }
        return outcome.replies
    }

    var facts: LeadFacts { memory.facts.overlaid(with: recorded) }
    var scored: (LeadScore, [String]) { site.script.scoring.score(facts) }

    private mutating func append(_ from: Sender, _ text: String) {
        transcript.append(Message(seq: transcript.count + 1, from: from, name: from.rawValue, text: text,
                                  at: Timestamp(milliseconds: Int64(transcript.count) * 1000)))
    }

    /// The whole exchange, for failure messages.
    var shown: String {
        transcript.map { "\($0.from.rawValue): \($0.text)" }.joined(separator: "\n")
    }
}
