/// Collects problems while the config is read, so one run reports them all.
struct ConfigProblemList {
    let source: String
    private(set) var problems: [ConfigProblem] = []

    init(source: String) {
        self.source = source
    }

    var isEmpty: Bool { problems.isEmpty }

    mutating func add(_ message: String, at position: ConfigPosition) {
        problems.append(ConfigProblem(source: source, line: position.line, column: position.column, message: message))
    }

    mutating func add(_ message: String, line: Int) {
        problems.append(ConfigProblem(source: source, line: line, column: nil, message: message))
    }

    /// Problems found in another file this one names (a site's script).
    mutating func add(contentsOf others: [ConfigProblem]) {
        problems += others
    }

    /// File order; problems found in later passes land where they belong.
    /// A file named by this one (a script) follows it, in the order named.
    var inFileOrder: [ConfigProblem] {
        var sources = [source]
        for problem in problems where !sources.contains(problem.source) { sources.append(problem.source) }
        return problems.enumerated().sorted { a, b in
            let keyA = (sources.firstIndex(of: a.element.source) ?? 0, a.element.line, a.element.column ?? 0, a.offset)
            let keyB = (sources.firstIndex(of: b.element.source) ?? 0, b.element.line, b.element.column ?? 0, b.offset)
            return keyA < keyB
        }.map(\.element)
    }
}
