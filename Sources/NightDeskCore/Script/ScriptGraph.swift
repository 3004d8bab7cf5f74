/// The checks on how steps link: every name a step points at exists, every
/// step can be reached, and every step can reach the closing (a loop with no
/// way out would ask the same questions forever).
struct ScriptGraph {
    let script: SiteScript
    let positions: ScriptPositions

    func check(into problems: inout ConfigProblemList) {
        let known = Array(script.steps.keys).sorted() + [SiteScript.done]
        for reference in positions.references where !known.contains(reference.target) {
            var message = "'\(reference.key)' names an unknown step \(reference.target.quotedForMessage)"
            if let match = ClosestMatch.find(reference.target, among: known) { message += "; did you mean '\(match)'?" }
            message += " Steps: " + known.joined(separator: ", ")
            problems.add(message, at: reference.position)
        }
        if script.start == SiteScript.done, let start = positions.references.first(where: { $0.key == "start" }) {
            problems.add("'start' must name a step, not \"done\"; the greeting ends with the first step's question", at: start.position)
        }

        // A dangling name is already reported; the checks below would only
        // repeat it in other words (every step after it "unreachable").
        guard positions.references.allSatisfy({ known.contains($0.target) }) else { return }
        let reachable = reached(from: [script.start] + (script.emergencyNext.map { [$0] } ?? []))
        for id in script.steps.keys.sorted() where !reachable.contains(id) {
            problems.add("step '\(id)' is never reached: no 'start', 'next', 'if_...' or 'emergency_next' leads to it",
                         at: positions.steps[id] ?? ConfigPosition(line: 1, column: 1))
        }
        let finishing = reachingDone()
        var reported: Set<String> = []
        for id in script.steps.keys.sorted() where reachable.contains(id) && !finishing.contains(id) {
            let path = loopPath(from: id)
            guard reported.isDisjoint(with: path) else { continue }
            reported.formUnion(path)
            let loop = path.joined(separator: " → ")
            problems.add("step '\(id)' never reaches \"done\": \(loop) loops with no way to the closing; point a 'next' at \"done\" or at a step that gets there",
                         at: positions.steps[id] ?? ConfigPosition(line: 1, column: 1))
        }
    }

    private func reached(from starts: [String]) -> Set<String> {
        var seen: Set<String> = []
        var queue = starts.filter { script.steps[$0] != nil }
        while let id = queue.popLast() {
            guard seen.insert(id).inserted, let step = script.steps[id] else { continue }
            queue += step.targets.filter { script.steps[$0] != nil && !seen.contains($0) }
        }
        return seen
    }

    /// Steps with some path to "done".
    private func reachingDone() -> Set<String> {
        var finishing: Set<String> = []
        var changed = true
        while changed {
            changed = false
            for (id, step) in script.steps where !finishing.contains(id) {
                if step.targets.contains(where: { $0 == SiteScript.done || finishing.contains($0) }) {
                    finishing.insert(id)
                    changed = true
                }
            }
        }
        return finishing
    }

    /// The first cycle met following `next` from a step, for the message.
    private func loopPath(from id: String) -> [String] {
        var path: [String] = []
        var current = id
        while let step = script.steps[current], !path.contains(current) {
            path.append(current)
            current = step.next
        }
        return path + [current]
    }
}
