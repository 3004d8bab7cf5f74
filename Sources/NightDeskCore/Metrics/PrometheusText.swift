/// Writes the Prometheus text exposition format (version 0.0.4): a `# HELP`
/// and `# TYPE` line per family, then one sample a line.
public struct PrometheusText {
    public private(set) var text = ""

    public init() {}

    public mutating func counter(_ name: String, _ help: String, _ value: Int, labels: [(String, String)] = []) {
        family(name, help, "counter")
        sample(name, labels, Double(value))
    }

    /// One counter family with a sample per label value (`by` names the label).
    public mutating func counters(_ name: String, _ help: String, by label: String, _ values: [(String, Int)]) {
        family(name, help, "counter")
        for (key, value) in values { sample(name, [(label, key)], Double(value)) }
    }

    public mutating func gauge(_ name: String, _ help: String, _ value: Double) {
        family(name, help, "gauge")
        sample(name, [], value)
    }

    public mutating func gauges(_ name: String, _ help: String, by label: String, _ values: [(String, Int)]) {
        family(name, help, "gauge")
        for (key, value) in values { sample(name, [(label, key)], Double(value)) }
    }

    public mutating func histogram(_ name: String, _ help: String, _ h: Histogram) {
        family(name, help, "histogram")
        for (bound, count) in h.cumulative {
            sample(name + "_bucket", [("le", Self.number(bound))], Double(count))
        }
        sample(name + "_sum", [], h.sum)
        sample(name + "_count", [], Double(h.count))
    }

    private mutating func family(_ name: String, _ help: String, _ type: String) {
        text += "# HELP \(name) \(Self.escapeHelp(help))\n# TYPE \(name) \(type)\n"
    }

    private mutating func sample(_ name: String, _ labels: [(String, String)], _ value: Double) {
        text += name
        if !labels.isEmpty {
            text += "{" + labels.map { "\($0.0)=\"\(Self.escapeLabel($0.1))\"" }.joined(separator: ",") + "}"
        }
        text += " \(Self.number(value))\n"
    }

    /// Integers without a decimal point, `+Inf` as Prometheus spells it.
    static func number(_ value: Double) -> String {
        if value == .infinity { return "+Inf" }
        if value == -.infinity { return "-Inf" }
        if value.isNaN { return "NaN" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func escapeLabel(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }

    static func escapeHelp(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }
}
