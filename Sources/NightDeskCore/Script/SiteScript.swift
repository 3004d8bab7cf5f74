/// What a site's auto-responder says and asks: the greeting, the questions
/// in order with their branches, answers to common questions, the emergency
/// line, the closing and the scoring rules. Written by a person in a script
/// file (see `DemoScript`); `nightdesk check` validates it.
public struct SiteScript: Sendable, Equatable {
    /// The first step; the greeting ends with its question.
    public var start: String
    public var greeting: ScriptTemplate
    public var closing: ScriptTemplate
    /// Said to messages after the closing.
    public var afterClosing: ScriptTemplate
    public var emergency: ScriptTemplate
    /// The step the script goes to after the emergency line (to get a number
    /// the on-call team can ring); nil keeps its place.
    public var emergencyNext: String?
    public var abuseReply: ScriptTemplate
    public var linkReply: ScriptTemplate
    /// Said before the question again when the visitor told something else
    /// (a need, a number) instead of answering it.
    public var noted: ScriptTemplate
    public var steps: [String: ScriptStep]
    public var answers: [ScriptAnswer]
    public var emergencyPatterns: ScriptPatternSet
    public var scoring: LeadScoring

    public static let done = "done"
}
