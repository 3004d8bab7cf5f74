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
    /// a script context. Works on UTF-8 bytes: most text needs no escape and
    /// is copied whole.
    public static func appendQuoted(_ s: String, to out: inout String) {
        var text = s
        // A plain loop over contiguous bytes: the generic `contains(where:)`
        // showed up in profiles as a good part of a message's cost.
        let needsEscape = text.withUTF8 { bytes in
            for b in bytes where b < 0x20 || b == 0x22 || b == 0x5C || b == 0xE2 { return true }
            return false
        }
        guard needsEscape else {
            out += "\""
            out += s
            out += "\""
            return
        }
        var bytes: [UInt8] = [0x22]
        bytes.reserveCapacity(s.utf8.count + 16)
        let utf8 = Array(s.utf8)
        var i = 0
        while i < utf8.count {
            let b = utf8[i]
            switch b {
            case 0x22: bytes += [0x5C, 0x22]
            case 0x5C: bytes += [0x5C, 0x5C]
            case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
            case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
            case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
            case 0xE2 where i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                bytes += Array((utf8[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                i += 2
            default:
                if b < 0x20 {
                    let hex = Array("0123456789abcdef".utf8)
                    bytes += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0x0F)]]
                } else {
                    bytes.append(b)
                }
            }
            i += 1
        }
        bytes.append(0x22)
        out += String(decoding: bytes, as: UTF8.self)
    }
}
