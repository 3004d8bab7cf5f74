/// Writes one JSON object field by field, in the order given, so frames and
/// lead files read the same way every time.
public struct JSONWriter {
    public private(set) var text = "{"
    private var first = true

    public init() {}

    private mutating func key(_ name: String) {
        if !first { text += "," }
        first = false
        JSONWriter.appendQuoted(name, to: &text)
        text += ":"
    }

    public mutating func field(_ name: String, _ value: String) {
        key(name)
        JSONWriter.appendQuoted(value, to: &text)
    }

    public mutating func field(_ name: String, _ value: String?) {
        guard let value else { return }
        field(name, value)
    }

    public mutating func field(_ name: String, _ value: Int) {
        key(name)
        text += String(value)
    }

    public mutating func field(_ name: String, _ value: Bool) {
        key(name)
        text += value ? "true" : "false"
    }

    public mutating func fieldNull(_ name: String) {
        key(name)
        text += "null"
    }

    /// A field whose value is already JSON text (a nested object or array).
    public mutating func field(_ name: String, raw: String) {
        key(name)
        text += raw
    }

    public mutating func field(_ name: String, strings: [String]) {
        key(name)
        text += JSONWriter.array(strings.map { JSONWriter.quoted($0) })
    }

    public mutating func field(_ name: String, stringMap: [String: String]) {
        var nested = JSONWriter()
        for k in stringMap.keys.sorted() { nested.field(k, stringMap[k] ?? "") }
        field(name, raw: nested.finished)
    }

    public var finished: String { text + "}" }

    public static func array(_ rawItems: [String]) -> String {
        "[" + rawItems.joined(separator: ",") + "]"
    }

    public static func quoted(_ s: String) -> String {
        var out = ""
        appendQuoted(s, to: &out)
        return out
    }

    /// Escapes per RFC 8259, plus U+2028/2029 so the text is also safe inside
    /// a script context.
    public static func appendQuoted(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
