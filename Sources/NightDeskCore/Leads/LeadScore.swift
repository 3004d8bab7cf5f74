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

    /// The default rules, with the reasons kept on the lead. The full rule
    /// engine comes with the auto-responder issue.
    public static func score(_ facts: LeadFacts) -> (LeadScore, [String]) {
        var reasons: [String] = []
        if facts.urgent { reasons.append("urgent") }
        if facts.phone != nil { reasons.append("has phone") }
        if facts.email != nil { reasons.append("has email") }
        if facts.need != nil { reasons.append("need stated") }
        if !facts.hasCallback { reasons.append("no way to call back") }
        if facts.urgent || (facts.phone != nil && facts.need != nil) { return (.hot, reasons) }
        if facts.hasCallback { return (.warm, reasons) }
        return (.cold, reasons)
    }
}
