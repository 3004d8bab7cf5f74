extension SiteScript {
    static let scriptKeys = [
        "start", "greeting", "closing", "after_closing", "emergency", "emergency_next", "abuse_reply", "link_reply",
        "emergency_words", "emergency_defaults", "noted",
    ]
    static let stepKeys = ["field", "ask", "reask", "next", "if_new", "if_existing", "if_declined"]
    static let answerKeys = ["match", "answer", "topic"]
    static let scoringKeys = ["cold", "hot", "warm"]

    /// Reads a script file's text (the config's TOML subset). Reports every
    /// problem at once, each as `source:line:column: message`: unknown keys
    /// and steps, unreachable steps, loops with no way to the closing, bad
    /// patterns and placeholders.
    public static func parse(_ text: String, source: String) throws(ConfigError) -> SiteScript {
        var problems = ConfigProblemList(source: source)
        let (statements, syntaxErrors) = ConfigScanner.read(text)
        for error in syntaxErrors { problems.add(error.message, at: error.position) }
        let layout = ScriptLayout(statements, problems: &problems)

        var reader = ScriptReader(problems: problems)
        let script = reader.script(layout)
        problems = reader.problems
        if let script {
            ScriptGraph(script: script, positions: reader.positions).check(into: &problems)
        }
        guard problems.isEmpty, let script else {
            if problems.isEmpty { problems.add("the script has no [script] section with start, greeting and closing", line: 1) }
            throw ConfigError(problems: problems.inFileOrder)
        }
        return script
    }
}

/// Where each step and each reference to a step is written, so the graph
/// check can point at the line to fix.
struct ScriptPositions {
    var steps: [String: ConfigPosition] = [:]
    /// (from step or "[script]", key, target, position of the value)
    var references: [(from: String, key: String, target: String, position: ConfigPosition)] = []
}

/// Turns sections into the script's parts, collecting problems.
struct ScriptReader {
    var problems: ConfigProblemList
    var positions = ScriptPositions()

    mutating func script(_ layout: ScriptLayout) -> SiteScript? {
        var steps: [String: ScriptStep] = [:]
        for (id, section) in layout.steps {
            positions.steps[id] = section.position
            if let step = step(id, section) { steps[id] = step }
        }
        let answers = layout.answers.compactMap { answer($0.id, $0.section) }
        var scoring = LeadScoring.defaults
        if let section = layout.scoring { scoring = self.scoring(section) }
        guard let section = layout.script else {
            problems.add("missing [script] section; it needs start, greeting and closing (see `nightdesk example-script`)", line: 1)
            return nil
        }
        var fields = ConfigFields(section, problems: problems)
        defer { problems = fields.problems }
        fields.reportUnknownKeys(allowed: SiteScript.scriptKeys)
        for key in ["start", "greeting", "closing"] where fields.entry(key) == nil {
            fields.problems.add("[script] is missing '\(key)'", at: section.position)
        }
        let start = fields.string("start")
        if let start, let entry = fields.entry("start") {
            positions.references.append(("[script]", "start", start, entry.valuePosition))
        }
        let emergencyNext = fields.string("emergency_next")
        if let emergencyNext, let entry = fields.entry("emergency_next") {
            positions.references.append(("[script]", "emergency_next", emergencyNext, entry.valuePosition))
        }
        let greeting = template("greeting", &fields)
        let closing = template("closing", &fields)
        let afterClosing = template("after_closing", &fields) ?? .builtIn("Thanks, I've added that to your note for the team.")
        let emergency = template("emergency", &fields)
            ?? .builtIn("If this is an emergency, please call {emergency_phone} now. This chat can't send help.")
        let abuse = template("abuse_reply", &fields) ?? .builtIn("I'm here to help you get care from {practice}. If you'd like a call back, I just need a few details.")
        let link = template("link_reply", &fields) ?? .builtIn("I can't open links in this chat. Tell me in a few words what you need and I'll pass it on.")
        let noted = template("noted", &fields) ?? .builtIn("Got it, I've noted that.")
        var emergencyPatterns = patterns("emergency_words", &fields)
        var keepDefaults = true
        if let entry = fields.entry("emergency_defaults") {
            if case .boolean(let value) = entry.value { keepDefaults = value } else {
                fields.problems.add("'emergency_defaults' must be true or false, not \(entry.value.kind)", at: entry.valuePosition)
            }
        }
        if keepDefaults { emergencyPatterns = EmergencyWords.defaultPatterns + emergencyPatterns }
        guard let start, let greeting, let closing else { return nil }
        return SiteScript(
            start: start, greeting: greeting, closing: closing, afterClosing: afterClosing, emergency: emergency,
            emergencyNext: emergencyNext, abuseReply: abuse, linkReply: link, noted: noted, steps: steps, answers: answers,
            emergencyPatterns: ScriptPatternSet(emergencyPatterns), scoring: scoring
        )
    }

    private mutating func step(_ id: String, _ section: ConfigSection) -> ScriptStep? {
        var fields = ConfigFields(section, problems: problems)
        defer { problems = fields.problems }
        fields.reportUnknownKeys(allowed: SiteScript.stepKeys)
        for key in ["field", "ask", "next"] where fields.entry(key) == nil {
            fields.problems.add("\(section.label) is missing '\(key)'", at: section.position)
        }
        var field: AnswerField?
        if let text = fields.string("field"), let entry = fields.entry("field") {
            field = AnswerField(rawValue: text)
            if field == nil {
                let known = AnswerField.allCases.map(\.rawValue)
                var message = "unknown field \(text.quotedForMessage)"
                if let match = ClosestMatch.find(text, among: known) { message += "; did you mean '\(match)'?" }
                fields.problems.add(message + " Fields: " + known.joined(separator: ", "), at: entry.valuePosition)
            }
        }
        let ask = template("ask", &fields)
        let reask = template("reask", &fields)
        var branches: [String: String] = [:]
        for answer in ["new", "existing"] {
            guard let target = fields.string("if_\(answer)"), let entry = fields.entry("if_\(answer)") else { continue }
            if let field, !field.branchAnswers.contains(answer) {
                fields.problems.add("'if_\(answer)' only applies to a step with field = \"patient\"; this step asks for \(field.rawValue)", at: entry.position)
            }
            branches[answer] = target
            positions.references.append((id, "if_\(answer)", target, entry.valuePosition))
        }
        let next = fields.string("next")
        if let next, let entry = fields.entry("next") { positions.references.append((id, "next", next, entry.valuePosition)) }
        let ifDeclined = fields.string("if_declined")
        if let ifDeclined, let entry = fields.entry("if_declined") {
            positions.references.append((id, "if_declined", ifDeclined, entry.valuePosition))
        }
        guard let field, let ask, let next else { return nil }
        return ScriptStep(id: id, ask: ask, reask: reask, field: field, next: next, branches: branches, ifDeclined: ifDeclined)
    }

    private mutating func answer(_ id: String, _ section: ConfigSection) -> ScriptAnswer? {
        var fields = ConfigFields(section, problems: problems)
        defer { problems = fields.problems }
        fields.reportUnknownKeys(allowed: SiteScript.answerKeys)
        for key in ["match", "answer"] where fields.entry(key) == nil {
            fields.problems.add("\(section.label) is missing '\(key)'", at: section.position)
        }
        let patterns = patterns("match", &fields)
        let answer = template("answer", &fields)
        let topic = fields.string("topic")
        guard let answer, !patterns.isEmpty else { return nil }
        return ScriptAnswer(id: id, patterns: ScriptPatternSet(patterns), answer: answer, topic: topic)
    }

    private mutating func scoring(_ section: ConfigSection) -> LeadScoring {
        var fields = ConfigFields(section, problems: problems)
        defer { problems = fields.problems }
        fields.reportUnknownKeys(allowed: SiteScript.scoringKeys)
        func rules(_ key: String, _ fallback: [String]) -> [LeadScoring.Rule] {
            let items = fields.strings(key) ?? fallback.map { ConfigItem(text: $0, position: section.position) }
            return items.compactMap { item in
                switch LeadScoring.rule(item.text) {
                case .success(let rule): return rule
                case .failure(let problem):
                    fields.problems.add(problem.message, at: item.position)
                    return nil
                }
            }
        }
        let defaults = LeadScoring.defaultRuleText
        return LeadScoring(cold: rules("cold", defaults.cold), hot: rules("hot", defaults.hot), warm: rules("warm", defaults.warm))
    }

    private func template(_ key: String, _ fields: inout ConfigFields) -> ScriptTemplate? {
        guard let text = fields.string(key), let entry = fields.entry(key) else { return nil }
        switch ScriptTemplate.parse(text) {
        case .success(let template): return template
        case .failure(let problem):
            fields.problems.add("'\(key)': \(problem.message)", at: entry.valuePosition)
            return nil
        }
    }

    private func patterns(_ key: String, _ fields: inout ConfigFields) -> [ScriptPattern] {
        (fields.strings(key) ?? []).compactMap { item in
            switch ScriptPattern.parse(item.text) {
            case .success(let pattern): return pattern
            case .failure(let problem):
                fields.problems.add("bad pattern \(item.text.quotedForMessage): \(problem.message)", at: item.position)
                return nil
            }
        }
    }
}
