/// A fact about a lead that scoring rules test and the lead keeps as a
/// reason. The raw values are the words a script's `[scoring]` rules use.
public enum LeadSignal: String, Sendable, CaseIterable {
    case urgent
    case existingPatient = "existing patient"
    case newPatient = "new patient"
    case wantsSoon = "wants appointment soon"
    case hasPhone = "has phone"
    case hasEmail = "has email"
    case hasCallback = "has callback"
    case noCallback = "no way to call back"
    case needStated = "need stated"
    case bestTimeGiven = "best time given"
    case complete
    case spam
    case abusive

    /// The signals these facts show, in the order reasons are listed.
    public static func present(in facts: LeadFacts) -> [LeadSignal] {
        allCases.filter { $0.holds(for: facts) }
    }

    func holds(for facts: LeadFacts) -> Bool {
        switch self {
        case .urgent: return facts.urgent
        case .existingPatient: return facts.patient == .existing
        case .newPatient: return facts.patient == .new
        case .wantsSoon: return facts.wantsSoon
        case .hasPhone: return facts.phone != nil
        case .hasEmail: return facts.email != nil
        case .hasCallback: return facts.hasCallback
        case .noCallback: return !facts.hasCallback
        case .needStated: return facts.need != nil
        case .bestTimeGiven: return facts.bestTime != nil
        case .complete: return facts.isComplete
        case .spam: return facts.spam
        case .abusive: return facts.abusive
        }
    }

    /// Signals that only restate others; left out of a lead's reasons.
    var isRedundantReason: Bool { self == .hasCallback || self == .complete }
}
