extension JSONValue {
    /// Compact JSON text; object keys sorted so output is stable.
    public var jsonText: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let d):
            if d.rounded() == d, abs(d) < 9.0e15 { return String(Int(d)) }
            return String(d)
        case .string(let s): return JSONWriter.quoted(s)
        case .array(let items): return JSONWriter.array(items.map(\.jsonText))
        case .object(let fields):
            return "{" + fields.keys.sorted().map { JSONWriter.quoted($0) + ":" + (fields[$0] ?? .null).jsonText }.joined(separator: ",") + "}"
        }
    }
}
