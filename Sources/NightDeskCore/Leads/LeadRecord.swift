import Foundation

/// A finished conversation, ready for the morning queue: the lead object of
/// PROTOCOL.md with its transcript, and a transcript a person can read.
public struct LeadRecord: Sendable, Equatable {
    public var id: String
    public var session: String
    /// The lead object plus `"transcript"`, as stored in `leads/<id>.json`.
    public var json: String
    /// The same conversation as plain text, for `leads/<id>.txt`.
    public var readable: String
    /// Two figures of the JSON, for the metrics, so nobody re-parses a
    /// whole transcript to learn them.
    public var score: String
    public var firstResponseMilliseconds: Int?

    public init(id: String, session: String, json: String, readable: String, score: String = "unknown",
                firstResponseMilliseconds: Int? = nil) {
        self.id = id
        self.session = session
        self.json = json
        self.readable = readable
        self.score = score
        self.firstResponseMilliseconds = firstResponseMilliseconds
    }

    /// The lead id of a session: fixed by the session id so a lead rebuilt
    /// after a crash lands in the same file.
    public static func leadID(forSession session: String) -> String {
        session.hasPrefix("s-") ? "l-" + session.dropFirst(2) : "l-" + session
    }
}

/// Everything a lead is made from.
public struct LeadInput: Sendable {
    public var site: Site
    public var start: SessionStart
    public var endedAt: Timestamp
    public var endReason: SessionEndReason
    public var transcript: [Message]
    public var facts: LeadFacts
    public var handledBy: [String]
    /// What agents recorded (name, phone, email, reason, score, disposition).
    public var agentFields: [String: String]

    public init(site: Site, start: SessionStart, endedAt: Timestamp, endReason: SessionEndReason,
                transcript: [Message], facts: LeadFacts, handledBy: [String], agentFields: [String: String] = [:]) {
        self.site = site
        self.start = start
        self.endedAt = endedAt
        self.endReason = endReason
        self.transcript = transcript
        self.facts = facts
        self.handledBy = handledBy
        self.agentFields = agentFields
    }

    /// The auto-responder's inference, overridden by what an agent recorded.
    var contactFacts: LeadFacts { facts.overlaid(with: agentFields) }

    var scored: (LeadScore, [String]) {
        var (score, reasons) = site.script.scoring.score(contactFacts)
        if let given = agentFields["score"].flatMap(LeadScore.init(rawValue:)) {
            score = given
            reasons.append("scored by agent")
        }
        return (score, reasons)
    }

    /// Milliseconds from the visitor's first message to the next answer.
    var firstResponseMilliseconds: Int? {
        guard let first = transcript.firstIndex(where: { $0.from == .visitor }) else { return nil }
        guard let answer = transcript[(first + 1)...].first(where: { $0.from == .bot || $0.from == .agent }) else { return nil }
        return Int(answer.at.milliseconds - transcript[first].at.milliseconds)
    }

    public func record() -> LeadRecord {
        let id = LeadRecord.leadID(forSession: start.session)
        let (score, reasons) = scored
        let facts = contactFacts
        var w = JSONWriter()
        w.field("id", id)
        w.field("site", site.id)
        w.field("session", start.session)
        w.field("created_at", start.startedAt.rfc3339)
        w.field("ended_at", endedAt.rfc3339)
        w.field("ended_reason", endReason.rawValue)
        w.field("status", "new")
        w.field("score", score.rawValue)
        w.field("score_reasons", strings: reasons)
        var contact = JSONWriter()
        contact.field("name", facts.name)
        contact.field("phone", facts.phone)
        contact.field("email", facts.email)
        w.field("contact", raw: contact.finished)
        w.field("reason", facts.need ?? "")
        w.field("disposition", agentFields["disposition"])
        w.field("urgent", facts.urgent)
        w.field("complete", facts.isComplete)
        w.field("missing", strings: facts.missing)
        w.field("patient", facts.patient?.rawValue)
        w.field("best_time", facts.bestTime)
        w.field("topics", strings: facts.topics)
        var source = JSONWriter()
        source.field("page", start.source.page ?? "")
        source.field("referrer", start.source.referrer ?? "")
        source.field("utm", stringMap: start.source.utm)
        w.field("source", raw: source.finished)
        w.field("handled_by", strings: handledBy)
        let firstResponse = firstResponseMilliseconds
        if let ms = firstResponse { w.field("first_response_ms", ms) } else { w.fieldNull("first_response_ms") }
        w.field("messages", transcript.count)
        w.field("notes", raw: "[]")
        w.field("transcript", raw: JSONWriter.array(transcript.map { $0.json() }))
        return LeadRecord(id: id, session: start.session, json: w.finished + "\n",
                          readable: readable(id: id, facts: facts, score: score, reasons: reasons),
                          score: score.rawValue, firstResponseMilliseconds: firstResponse)
    }

    private func readable(id: String, facts: LeadFacts, score: LeadScore, reasons: [String]) -> String {
        let tz = site.officeHours.timeZone
        var lines = [
            "\(site.name): after-hours chat \(start.session) (lead \(id))",
            "Started \(start.startedAt.localText(in: tz, withDate: true)) \(tz.identifier), ended \(endedAt.localText(in: tz, withDate: true)) (\(endReason.rawValue))",
            "Score:   \(score.rawValue)" + (reasons.isEmpty ? "" : " (\(reasons.joined(separator: ", ")))"),
            "Name:    \(facts.name ?? "not given")",
            "Phone:   \(facts.phone ?? "not given")",
            "Email:   \(facts.email ?? "not given")",
            "Need:    \(facts.need.map(oneLine) ?? "not stated")",
            "Patient: \(facts.patient.map { $0 == .new ? "new" : "existing" } ?? "not said")" + (facts.bestTime.map { "; best time to call: \(oneLine($0))" } ?? ""),
            "Handled: \(handledBy.joined(separator: ", "))" + (agentFields["disposition"].map { ", closed as \($0)" } ?? ""),
            "Source:  \(start.source.page ?? "unknown page")" + (start.source.referrer.map { $0.isEmpty ? "" : " via \($0)" } ?? ""),
        ]
        if !facts.topics.isEmpty { lines.append("Asked:   " + facts.topics.joined(separator: ", ")) }
        if !facts.missing.isEmpty { lines.append("Missing: " + facts.missing.joined(separator: ", ")) }
        if !start.source.utm.isEmpty {
            lines.append("UTM:     " + start.source.utm.keys.sorted().map { "\($0)=\(start.source.utm[$0] ?? "")" }.joined(separator: " "))
        }
        lines.append("")
        for m in transcript {
            let who = m.from == .visitor ? "\(m.name) (visitor)" : m.from == .bot ? "\(m.name) (auto-responder)" : "\(m.name) (\(m.from.rawValue))"
            lines.append("[\(m.at.localText(in: tz, withDate: false))] \(who): \(indentContinuation(m.text))")
        }
        return lines.map(PlainText.strippingControls).joined(separator: "\n") + "\n"
    }

    private func oneLine(_ s: String) -> String {
        guard s.utf8.contains(0x0A) else { return s }
        return s.replacingOccurrences(of: "\n", with: " ")
    }

    /// Most messages are one line; Foundation's replacing costs far more
    /// than the check, and a transcript runs this on every message.
    private func indentContinuation(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return s }
        return s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\n    ")
    }
}
