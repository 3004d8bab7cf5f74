/// One question of a site's script: what it asks, what answer it wants,
/// where it goes next.
public struct ScriptStep: Sendable, Equatable {
    public var id: String
    public var ask: ScriptTemplate
    /// Said instead of `ask` after an answer that does not fit; the step is
    /// asked at most twice, then the script moves on, so no visitor is trapped.
    public var reask: ScriptTemplate?
    public var field: AnswerField
    /// The next step's id, or `done` for the closing.
    public var next: String
    /// Answer → step: `if_new`, `if_existing`.
    public var branches: [String: String]
    /// Where to go when the visitor would rather not say (`if_declined`).
    public var ifDeclined: String?

    /// Every step this one can lead to.
    var targets: [String] {
        [next] + branches.keys.sorted().compactMap { branches[$0] } + (ifDeclined.map { [$0] } ?? [])
    }
}

/// An answer the script author wrote for a common question.
public struct ScriptAnswer: Sendable, Equatable {
    public var id: String
    public var patterns: ScriptPatternSet
    public var answer: ScriptTemplate
    /// Kept on the lead's `topics`, so the front desk sees what was asked.
    public var topic: String?
}
