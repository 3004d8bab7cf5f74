/// How soon the front desk should call: hot first, then warm, then cold.
public enum LeadScore: String, Sendable, Comparable {
    case hot, warm, cold

    var rank: Int {
        switch self {
        case .hot: return 0
        case .warm: return 1
        case .cold: return 2
        }
    }

    public static func < (a: LeadScore, b: LeadScore) -> Bool { a.rank < b.rank }

    /// Scores by the default rules; a site's script may set its own.
    public static func score(_ facts: LeadFacts) -> (LeadScore, [String]) {
        LeadScoring.defaults.score(facts)
    }
}
