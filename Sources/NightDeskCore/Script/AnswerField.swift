/// What a script step asks for, and so how its answer is checked.
public enum AnswerField: String, Sendable, CaseIterable {
    case name
    /// New or existing patient; the step may branch with `if_new`/`if_existing`.
    case patient
    /// The procedure or symptom the visitor wants help with.
    case need
    case phone
    case email
    /// A phone number or an email, whichever the visitor gives.
    case callback
    case bestTime = "best_time"

    /// Whether the lead already holds this field (from any message, or from
    /// what an agent recorded).
    func isKnown(in facts: LeadFacts) -> Bool {
        switch self {
        case .name: return facts.name != nil
        case .patient: return facts.patient != nil
        case .need: return facts.need != nil
        case .phone: return facts.phone != nil
        case .email: return facts.email != nil
        case .callback: return facts.hasCallback
        case .bestTime: return facts.bestTime != nil
        }
    }

    /// The answers a step asking for this field may branch on.
    var branchAnswers: [String] {
        self == .patient ? ["new", "existing"] : []
    }
}
