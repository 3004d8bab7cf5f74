/// The `key = value` lines under one section header, by key.
struct ConfigSection {
    /// How messages name the section: "[server]", "[sites.demo]".
    let label: String
    let position: ConfigPosition
    private(set) var entries: [String: ConfigEntry] = [:]
    /// Keys in file order, so unknown keys are reported in order.
    private(set) var keys: [String] = []

    init(label: String, position: ConfigPosition) {
        self.label = label
        self.position = position
    }

    mutating func add(_ entry: ConfigEntry, problems: inout ConfigProblemList) {
        if let first = entries[entry.key] {
            problems.add(
                "duplicate key \(entry.key.quotedForMessage) in \(label); it was already set on line \(first.position.line)",
                at: entry.position
            )
            return
        }
        entries[entry.key] = entry
        keys.append(entry.key)
    }
}
