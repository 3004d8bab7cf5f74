import Foundation

/// The first auto-responder: greets with the practice's name and its next
/// opening, asks for a name, a way to call back and the need, then says when
/// the office will call. The full script engine replaces it behind
/// `AutoResponder`.
public struct FrontDeskScript: AutoResponder {
    enum Step: String { case name, callback, need, done }

    public init() {}

    public func greeting(_ context: ResponderContext) -> [String] {
        let site = context.site
        let when = context.office.isOpen
            ? "The front desk is busy right now, so I'm taking messages."
            : "We're closed right now" + (opening(context).map { " and open again \($0)." } ?? ".")
        return ["Hi! Thanks for contacting \(site.name). \(when) I can take your details so the team calls you back first thing. What's your name?"]
    }

    public func respond(to transcript: [Message], after memory: ResponderMemory, _ context: ResponderContext) -> ResponderOutcome {
        var memory = memory
        var replies: [String] = []
        let start = min(memory.read, transcript.count)
        for index in start..<transcript.count where transcript[index].from == .visitor {
            let asked = Step(rawValue: memory.awaiting) ?? .name
            let wasUrgent = memory.facts.urgent
            absorb(transcript[index].text, expecting: asked, into: &memory.facts)
            let next = nextStep(memory.facts)
            if index == transcript.count - 1 {
                if memory.facts.urgent, !wasUrgent || !memory.emergencyWarned {
                    replies.append(emergencyLine(context.site))
                }
                replies.append(reply(after: asked, next: next, closed: memory.closingSaid, facts: memory.facts, context))
            }
            if memory.facts.urgent { memory.emergencyWarned = true }
            if next == .done { memory.closingSaid = true }
            memory.awaiting = next.rawValue
        }
        memory.read = transcript.count
        return ResponderOutcome(memory: memory, replies: replies)
    }

    private func absorb(_ text: String, expecting step: Step, into facts: inout LeadFacts) {
        if EmergencyWords.matches(text) { facts.urgent = true }
        if let phone = ContactExtractor.phone(in: text) { facts.phone = phone }
        if let email = ContactExtractor.email(in: text) { facts.email = email }
        if let name = ContactExtractor.statedName(in: text) {
            facts.name = name
        } else if step == .name, facts.name == nil, let name = ContactExtractor.nameAnswer(text) {
            facts.name = name
            return
        }
        let isOnlyContact = ContactExtractor.phone(in: text).map { text.count <= $0.count + 12 } ?? false
            || ContactExtractor.email(in: text).map { text.count <= $0.count + 12 } ?? false
        if facts.need == nil, !isOnlyContact, ContactExtractor.nameAnswer(text) == nil {
            facts.need = String(text.prefix(300))
        }
    }

    private func nextStep(_ facts: LeadFacts) -> Step {
        if facts.name == nil { return .name }
        if !facts.hasCallback { return .callback }
        if facts.need == nil { return .need }
        return .done
    }

    private func reply(after asked: Step, next: Step, closed: Bool, facts: LeadFacts, _ context: ResponderContext) -> String {
        let thanks = facts.name.map { "Thanks, \($0)." } ?? "Thanks."
        switch next {
        case .name:
            return asked == .name && facts.need != nil
                ? "Happy to help with that. So the team knows who to ask for, what's your name?"
                : "Sorry, I didn't catch your name. What should the team call you?"
        case .callback:
            return asked == .callback
                ? "So the team can reach you, could you share a phone number we can call, or an email address?"
                : "\(thanks) What's the best phone number or email to reach you?"
        case .need:
            return "\(thanks) What would you like help with? A check-up, a problem that's bothering you, or something else?"
        case .done:
            if closed { return "Thanks, I've added that to your note for the team." }
            let how = facts.phone.map { "call you at \($0)" } ?? facts.email.map { "email you at \($0)" } ?? "reach out"
            let when = context.office.isOpen ? "shortly" : (opening(context).map { "when we open \($0)" } ?? "as soon as we open")
            return "\(thanks) The \(context.site.name) team will \(how) \(when). To book sooner, call \(context.site.phone)."
        }
    }

    private func emergencyLine(_ site: Site) -> String {
        "If this is a medical emergency, please call \(site.emergencyPhone) now. This chat can't send help."
    }

    /// "on Monday at 8:00 AM", in the site's own time zone.
    private func opening(_ context: ResponderContext) -> String? {
        guard let next = context.office.nextOpen else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = context.site.officeHours.timeZone
        formatter.dateFormat = "EEEE 'at' h:mm a"
        return "on " + formatter.string(from: next)
    }
}
