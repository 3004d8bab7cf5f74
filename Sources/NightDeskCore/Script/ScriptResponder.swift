/// The auto-responder that follows each site's script: greets, answers the
/// script's common questions, asks for what the lead still lacks (skipping
/// what it already knows, re-asking once at most), puts the emergency line
/// first whenever someone may be in danger, and closes with when the office
/// will call.
public struct ScriptResponder: AutoResponder {
    public init() {}

    public func greeting(_ context: ResponderContext) -> [String] {
        let script = context.site.script
        let facts = LeadFacts().overlaid(with: context.recorded)
        let values = ScriptValues(facts: facts, context: context)
        let greeting = script.greeting.render(values)
        guard case .ask(let step) = openStep(from: script.start, ResponderMemory(), facts, script) else { return [greeting] }
        return [greeting + " " + step.ask.render(values)]
    }

    public func respond<T: RandomAccessCollection<Message>>(to transcript: T, after memory: ResponderMemory,
                                                            _ context: ResponderContext) -> ResponderOutcome where T.Index == Int {
        var memory = memory
        var replies: [String] = []
        for index in min(memory.read, transcript.count)..<transcript.count where transcript[index].from == .visitor {
            let said = read(transcript[index].text, &memory, context)
            if index == transcript.count - 1 { replies = said }
        }
        memory.read = transcript.count
        return ResponderOutcome(memory: memory, replies: replies)
    }

    public func resume(after memory: ResponderMemory, _ context: ResponderContext) -> ResponderOutcome {
        var memory = memory
        guard !memory.closingSaid else { return ResponderOutcome(memory: memory, replies: []) }
        let script = context.site.script
        let facts = memory.facts.overlaid(with: context.recorded)
        let from = memory.awaiting.isEmpty ? script.start : memory.awaiting
        let replies = move(to: openStep(from: from, memory, facts, script), &memory, context,
                           ScriptValues(facts: facts, context: context))
        return ResponderOutcome(memory: memory, replies: replies)
    }

    /// One visitor message: what it tells, then the replies it gets.
    private func read(_ text: String, _ memory: inout ResponderMemory, _ context: ResponderContext) -> [String] {
        let script = context.site.script
        let words = VisitorWords(text)
        let before = memory.facts.overlaid(with: context.recorded)
        LeadReading.absorb(text, words, script, into: &memory.facts)
        // By index: `filter` copied every answer (its patterns, template
        // and topic) to test it, for each visitor message.
        let answers = script.answers.indices.filter { words.matches(script.answers[$0].patterns) }.map { script.answers[$0] }
        for topic in answers.compactMap(\.topic) where !memory.facts.topics.contains(topic) {
            memory.facts.topics.append(topic)
        }
        if context.agentHolds { return [] }

        var said: [String] = []
        var values = ScriptValues(facts: memory.facts.overlaid(with: context.recorded), context: context)
        var current = memory.awaiting.isEmpty ? script.start : memory.awaiting
        var emergencyJump = false
        if memory.facts.urgent, !memory.emergencyWarned {
            said.append(script.emergency.render(values))
            memory.emergencyWarned = true
            if let next = script.emergencyNext, !memory.closingSaid {
                current = next
                emergencyJump = true
            }
        }
        said += answers.map { $0.answer.render(values) }
        let abusive = VisitorSignals.isAbusive(words)
        if abusive, !memory.abuseAnswered {
            said.append(script.abuseReply.render(values))
            memory.abuseAnswered = true
        }
        let linkOnly = VisitorSignals.hasLink(text) && !VisitorSignals.statesNeed(words)
        if linkOnly, !memory.linkAnswered {
            said.append(script.linkReply.render(values))
            memory.linkAnswered = true
        }
        if memory.closingSaid {
            return said.isEmpty ? [script.afterClosing.render(values)] : said
        }
        if emergencyJump {
            return said + move(to: openStep(from: current, memory, memory.facts.overlaid(with: context.recorded), script), &memory, context, values)
        }

        // The step awaited may have been answered meanwhile (an agent
        // recorded it, or the visitor said it while the agent had the chat).
        guard case .ask(let step) = openStep(from: script.steps[current] == nil ? script.start : current, memory, before, script) else {
            return said + move(to: .done, &memory, context, values)
        }
        let answer = LeadReading.answer(text, words, for: step.field, before: before, into: &memory.facts, context)
        let facts = memory.facts.overlaid(with: context.recorded)
        values = ScriptValues(facts: facts, context: context)
        switch answer {
        case .given:
            let target = facts.patient.flatMap { step.field == .patient ? step.branches[$0.rawValue] : nil } ?? step.next
            return said + move(to: openStep(from: target, memory, facts, script), &memory, context, values)
        case .declined:
            memory.declined.insert(step.field.rawValue)
            return said + move(to: openStep(from: step.ifDeclined ?? step.next, memory, facts, script), &memory, context, values)
        case .unfit:
            let toldSomething = facts != before || !answers.isEmpty || abusive || linkOnly || emergencyJump
            if toldSomething {
                // A question or news is not a wrong answer: note it and ask again.
                let noted = answers.isEmpty && !abusive && !linkOnly ? script.noted.render(values) + " " : ""
                return said + [noted + step.ask.render(values)]
            }
            if memory.attempts == 0, let reask = step.reask {
                memory.attempts = 1
                return said + [reask.render(values)]
            }
            // Asked twice: move on rather than trap the visitor.
            memory.declined.insert(step.field.rawValue)
            return said + move(to: openStep(from: step.ifDeclined ?? step.next, memory, facts, script), &memory, context, values)
        }
    }

    enum Open: Equatable {
        case ask(ScriptStep)
        case done
    }

    /// The first step from `id` whose field is still unknown and not
    /// declined; `done` past the last. Each step is visited once, so even a
    /// loop in a script that skipped `nightdesk check` ends.
    func openStep(from id: String, _ memory: ResponderMemory, _ facts: LeadFacts, _ script: SiteScript) -> Open {
        var id = id
        var visited: Set<String> = []
        while id != SiteScript.done, let step = script.steps[id], visited.insert(id).inserted {
            let known = step.field.isKnown(in: facts) || memory.declined.contains(step.field.rawValue)
            if !known { return .ask(step) }
            if step.field == .patient, let kind = facts.patient, let branch = step.branches[kind.rawValue] {
                id = branch
            } else {
                id = step.next
            }
        }
        return .done
    }

    /// `values` are made once per message by the caller, from the facts as
    /// they stand after it.
    private func move(to open: Open, _ memory: inout ResponderMemory, _ context: ResponderContext,
                      _ values: ScriptValues) -> [String] {
        memory.attempts = 0
        switch open {
        case .ask(let step):
            memory.awaiting = step.id
            return [step.ask.render(values)]
        case .done:
            memory.awaiting = SiteScript.done
            memory.closingSaid = true
            return [context.site.script.closing.render(values)]
        }
    }
}
