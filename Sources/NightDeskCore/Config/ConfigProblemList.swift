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

    /// File order; problems found in later passes land where they belong.
    var inFileOrder: [ConfigProblem] {
        problems.enumerated().sorted { a, b in
            let keyA = (a.element.line, a.element.column ?? 0, a.offset)
            let keyB = (b.element.line, b.element.column ?? 0, b.offset)
            return keyA < keyB
        }.map(\.element)
    }
}
