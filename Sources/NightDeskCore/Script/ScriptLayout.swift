/// A script file's statements sorted into `[script]`, `[scoring]`,
/// `[steps.<id>]` and `[answers.<id>]` sections, in file order.
struct ScriptLayout {
    private(set) var script: ConfigSection?
    private(set) var scoring: ConfigSection?
    private(set) var steps: [(id: String, section: ConfigSection)] = []
    private(set) var answers: [(id: String, section: ConfigSection)] = []

    private enum Target { case none, script, scoring, step(Int), answer(Int), ignored }

    static let sectionNames = ["script", "scoring", "steps.<id>", "answers.<id>"]

    init(_ statements: [ConfigStatement], problems: inout ConfigProblemList) {
        var target = Target.none
        for statement in statements {
            switch statement {
            case .section(let name, let position):
                target = open(name, at: position, problems: &problems)
            case .assignment(let entry):
                switch target {
                case .none:
                    problems.add("\(entry.key.quotedForMessage) is outside any section; put it under [script], [steps.<id>], [answers.<id>] or [scoring]", at: entry.position)
                case .script: script?.add(entry, problems: &problems)
                case .scoring: scoring?.add(entry, problems: &problems)
                case .step(let i): steps[i].section.add(entry, problems: &problems)
                case .answer(let i): answers[i].section.add(entry, problems: &problems)
                case .ignored: break
                }
            }
        }
    }

    /// Opens a section that may appear once; false (and a problem) on a repeat.
    private static func openOnce(_ section: inout ConfigSection?, _ label: String, at position: ConfigPosition,
                                 problems: inout ConfigProblemList) -> Bool {
        if let first = section {
            problems.add("duplicate section \(label); it was first opened on line \(first.position.line)", at: position)
            return false
        }
        section = ConfigSection(label: label, position: position)
        return true
    }

    private mutating func open(_ name: String, at position: ConfigPosition, problems: inout ConfigProblemList) -> Target {
        switch name {
        case "script":
            return Self.openOnce(&script, "[script]", at: position, problems: &problems) ? .script : .ignored
        case "scoring":
            return Self.openOnce(&scoring, "[scoring]", at: position, problems: &problems) ? .scoring : .ignored
        default:
            break
        }
        let parts = name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, parts[0] == "steps" || parts[0] == "answers" else {
            var message = "unknown section [\(name.shownForMessage)]"
            if let match = ClosestMatch.find(parts[0], among: ["script", "scoring", "steps", "answers"]) {
                message += "; did you mean [\(match)\(parts.count == 2 ? "." + parts[1].shownForMessage : "")]?"
            }
            problems.add(message + " Sections are [script], [scoring], [steps.<id>] and [answers.<id>]", at: position)
            return .ignored
        }
        let id = parts[1]
        guard ConfigLayout.isValidSiteID(id), id != SiteScript.done else {
            problems.add("\(parts[0]) id \(id.quotedForMessage) must be 1 to 64 characters of a-z, 0-9, '-' and '_', and not \"done\"", at: position)
            return .ignored
        }
        let section = ConfigSection(label: "[\(name.shownForMessage)]", position: position)
        if parts[0] == "steps" {
            if let first = steps.first(where: { $0.id == id }) {
                problems.add("duplicate step '\(id)'; it was first defined on line \(first.section.position.line)", at: position)
                return .ignored
            }
            steps.append((id, section))
            return .step(steps.count - 1)
        }
        if let first = answers.first(where: { $0.id == id }) {
            problems.add("duplicate answer '\(id)'; it was first defined on line \(first.section.position.line)", at: position)
            return .ignored
        }
        answers.append((id, section))
        return .answer(answers.count - 1)
    }
}
