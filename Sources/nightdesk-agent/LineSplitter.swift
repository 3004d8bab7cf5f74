/// Input that is not a terminal (a pipe, a file): whole lines, CR LF or LF,
/// decoded as UTF-8 with bad bytes replaced, no key handling.
struct LineSplitter {
    private var partial: [UInt8] = []

    mutating func feed(_ bytes: [UInt8]) -> [String] {
        var lines: [String] = []
        for byte in bytes {
            if byte == 0x0A {
                lines.append(finish())
            } else {
                partial.append(byte)
            }
        }
        return lines
    }

    /// What is left when the input ends without a final newline.
    mutating func flush() -> String? {
        partial.isEmpty ? nil : finish()
    }

    private mutating func finish() -> String {
        if partial.last == 0x0D { partial.removeLast() }
        defer { partial.removeAll(keepingCapacity: true) }
        return String(decoding: partial, as: UTF8.self)
    }
}
