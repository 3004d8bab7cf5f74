/// Messages packed one after another in a single byte buffer. As a `Message`
/// with its own heap string, each one costs about 290 bytes with its `say`
/// id; here it costs its text, its id and about 15 bytes, and the live
/// transcripts of many chats are what a busy server holds.
///
/// An entry: the time (8 bytes), the sender (1), the name's place in
/// `names` and the id's length plus one (0: no id), both LEB128; then the
/// id's bytes and the text's, to the entry's end.
struct PackedMessages {
    private var bytes: [UInt8] = []
    /// Where each entry ends; the next starts there.
    private var ends: [UInt32] = []
    /// The names entries were written under: a chat has a few.
    private var names: [String] = []

    var count: Int { ends.count }

    /// Adds a message, or returns false when the buffer would pass what a
    /// `UInt32` can mark (4 GiB): the caller then keeps it whole.
    mutating func append(_ message: Message, clientID: String?) -> Bool {
        let id = clientID?.utf8
        guard bytes.count + 30 + (id?.count ?? 0) + message.text.utf8.count <= Int(UInt32.max) else { return false }
        withUnsafeBytes(of: message.at.milliseconds.littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(message.from.code)
        appendNumber(nameIndex(message.name))
        appendNumber(id.map { $0.count + 1 } ?? 0)
        if let id { bytes.append(contentsOf: id) }
        bytes.append(contentsOf: message.text.utf8)
        ends.append(UInt32(bytes.count))
        return true
    }

    func message(at index: Int) -> Message {
        bytes.withUnsafeBufferPointer { buffer in
            let entry = Entry(buffer, start: start(of: index), end: Int(ends[index]))
            return Message(seq: index + 1, from: entry.sender, name: names[entry.nameIndex],
                           text: String(decoding: UnsafeBufferPointer(rebasing: buffer[entry.text]), as: UTF8.self),
                           at: Timestamp(milliseconds: entry.milliseconds))
        }
    }

    /// Read from its byte alone: the search of a `say` id checks the
    /// sender of every seq it meets.
    func sender(at index: Int) -> Sender {
        Sender(code: bytes[start(of: index) + 8])
    }

    /// Calls `body` with the entry's `say` id, or nil when it has none.
    func withClientID<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
        bytes.withUnsafeBufferPointer { buffer in
            let entry = Entry(buffer, start: start(of: index), end: Int(ends[index]))
            return body(entry.clientID.map { UnsafeBufferPointer(rebasing: buffer[$0]) })
        }
    }

    private func start(of index: Int) -> Int { index == 0 ? 0 : Int(ends[index - 1]) }

    /// Looks back over the last few names only: a visitor who gives a new
    /// name with every message must not make each append slower.
    private mutating func nameIndex(_ name: String) -> Int {
        if let found = names.indices.suffix(4).last(where: { names[$0] == name }) { return found }
        names.append(name)
        return names.count - 1
    }

    private mutating func appendNumber(_ value: Int) {
        var rest = UInt(value)
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// One entry's fields, read from the buffer `append` wrote.
    private struct Entry {
        var milliseconds: Int64 = 0
        var sender: Sender
        var nameIndex: Int
        var clientID: Range<Int>?
        var text: Range<Int>

        init(_ buffer: UnsafeBufferPointer<UInt8>, start: Int, end: Int) {
            for offset in 0..<8 { milliseconds |= Int64(buffer[start + offset]) << (8 * offset) }
            sender = Sender(code: buffer[start + 8])
            var cursor = start + 9
            func number() -> Int {
                var value = 0, shift = 0
                while true {
                    let byte = buffer[cursor]
                    cursor += 1
                    value |= Int(byte & 0x7f) << shift
                    if byte < 0x80 { return value }
                    shift += 7
                }
            }
            nameIndex = number()
            let idLength = number()
            clientID = idLength == 0 ? nil : cursor..<(cursor + idLength - 1)
            cursor += max(0, idLength - 1)
            text = cursor..<end
        }
    }
}

extension Sender {
    var code: UInt8 {
        switch self {
        case .visitor: 0
        case .bot: 1
        case .agent: 2
        case .system: 3
        }
    }

    init(code: UInt8) {
        switch code {
        case 0: self = .visitor
        case 1: self = .bot
        case 2: self = .agent
        default: self = .system
        }
    }
}
