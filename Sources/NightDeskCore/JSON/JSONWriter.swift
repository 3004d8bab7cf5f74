/// Writes one JSON object field by field, in the order given, so frames and
/// lead files read the same way every time.
///
/// It builds UTF-8 bytes, not a String: every frame the relay sends passes
/// through here, and appending to a String piece by piece cost a quarter of
/// a relayed message's instructions (callgrind, 2026-11-23).
public struct JSONWriter {
    private var bytes: [UInt8]
    private var first = true

    public init(capacity: Int = 128) {
        bytes = []
        bytes.reserveCapacity(capacity)
        bytes.append(UInt8(ascii: "{"))
    }

    private mutating func key(_ name: StaticString) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        bytes.append(UInt8(ascii: "\""))
        // Keys are the program's own ASCII literals: nothing to escape.
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    private mutating func key(_ name: String) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        JSONWriter.appendQuoted(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    public mutating func field(_ name: StaticString, _ value: String) {
        key(name)
        JSONWriter.appendQuoted(value, to: &bytes)
    }

    public mutating func field(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        field(name, value)
    }

    public mutating func field(_ name: StaticString, _ value: Int) {
        key(name)
        JSONWriter.appendDecimal(value, to: &bytes)
    }

    public mutating func field(_ name: StaticString, _ value: Bool) {
        key(name)
        bytes.append(contentsOf: value ? [0x74, 0x72, 0x75, 0x65] : [0x66, 0x61, 0x6C, 0x73, 0x65])
    }

    /// An instant as the protocol's RFC 3339 string.
    public mutating func field(_ name: StaticString, _ value: Timestamp) {
        key(name)
        bytes.append(UInt8(ascii: "\""))
        value.appendRFC3339(to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func fieldNull(_ name: StaticString) {
        key(name)
        bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
    }

    /// A field whose value is already JSON text (a nested object or array).
    public mutating func field(_ name: StaticString, raw: String) {
        key(name)
        var raw = raw
        raw.withUTF8 { bytes.append(contentsOf: $0) }
    }

    public mutating func field(_ name: StaticString, strings: [String]) {
        key(name)
        bytes.append(UInt8(ascii: "["))
        for (i, s) in strings.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONWriter.appendQuoted(s, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// A nested object of strings, keys sorted (keys come from outside, so
    /// they are escaped like any text).
    public mutating func field(_ name: StaticString, stringMap: [String: String]) {
        var nested = JSONWriter()
        for k in stringMap.keys.sorted() { nested.field(dynamic: k, stringMap[k] ?? "") }
        field(name, raw: nested.finished)
    }

    /// A string field whose name is not a literal.
    public mutating func field(dynamic name: String, _ value: String) {
        key(name)
        JSONWriter.appendQuoted(value, to: &bytes)
    }

    /// Straight into the String's own storage: one allocation and one copy
    /// for every frame, where closing a copy of `bytes` first made two.
    public var finished: String {
        bytes.withUnsafeBufferPointer { written in
            String(unsafeUninitializedCapacity: written.count + 1) { text in
                _ = text.initialize(fromContentsOf: written)
                text[written.count] = UInt8(ascii: "}")
                return written.count + 1
            }
        }
    }

    /// The closed object as bytes, for callers that write bytes (the
    /// journal), without a String in between.
    public consuming func finishedBytes() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    /// Where the next field will start, to copy the fields from there on
    /// into another object (`appendFields`).
    public var fieldMark: Int { bytes.count }

    /// Appends the fields `other` wrote after `mark` as this object's next
    /// fields: two frames that share most of their fields write them once.
    public mutating func appendFields(of other: JSONWriter, since mark: Int) {
        guard mark < other.bytes.count else { return }
        // Past its first field every field of `other` starts with a comma;
        // only the first field of `other` does not.
        let startsWithComma = other.bytes[mark] == UInt8(ascii: ",")
        let from = startsWithComma && first ? mark + 1 : mark
        if !startsWithComma && !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(contentsOf: other.bytes[from...])
        first = false
    }

    public static func array(_ rawItems: [String]) -> String {
        "[" + rawItems.joined(separator: ",") + "]"
    }

    public static func quoted(_ s: String) -> String {
        var out: [UInt8] = []
        appendQuoted(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 0 {
            out.append(UInt8(ascii: "-"))
            // The magnitude as UInt: Int.min has none as Int.
            appendDecimal(UInt(bitPattern: 0 &- value), to: &out)
        } else {
            appendDecimal(UInt(value), to: &out)
        }
    }

    static func appendDecimal(_ value: UInt, to out: inout [UInt8]) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = value, count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
                count += 1
            } while n > 0
            out.append(contentsOf: buffer[(20 - count)...])
        }
    }

    /// Escapes per RFC 8259, plus U+2028/2029 so the text is also safe inside
    /// a script context. Most text needs no escape and is copied whole.
    public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        var text = s
        out.append(0x22)
        text.withUTF8 { utf8 in
            var plainFrom = 0
            var i = 0
            while i < utf8.count {
                let b = utf8[i]
                guard b < 0x20 || b == 0x22 || b == 0x5C || b == 0xE2 else { i += 1; continue }
                var escape: [UInt8]
                var width = 1
                switch b {
                case 0x22: escape = [0x5C, 0x22]
                case 0x5C: escape = [0x5C, 0x5C]
                case 0x0A: escape = [0x5C, UInt8(ascii: "n")]
                case 0x0D: escape = [0x5C, UInt8(ascii: "r")]
                case 0x09: escape = [0x5C, UInt8(ascii: "t")]
                case 0xE2 where i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                    escape = Array((utf8[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    width = 3
                case 0xE2:
                    i += 1
                    continue
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    escape = [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0x0F)]]
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainFrom..<i]))
                out.append(contentsOf: escape)
                i += width
                plainFrom = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainFrom..<utf8.count]))
        }
        out.append(0x22)
    }
}
