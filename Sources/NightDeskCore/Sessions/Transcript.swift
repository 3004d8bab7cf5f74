/// A session's messages in seq order: index `i` holds seq `i + 1`.
///
/// What a chat's tabs have been sent is packed into bytes (`pack`), a fifth
/// of the memory of whole `Message`s; the rest stays whole. The messages not
/// yet announced are about to be encoded into frames, and an idle widget's
/// greeting is its site's one shared string, which packing would copy into
/// every session.
struct Transcript: RandomAccessCollection {
    private var packed = PackedMessages()
    private var whole: [Message] = []
    private var wholeClientIDs: [String?] = []
    private var clientIDs = ClientIDIndex()

    var startIndex: Int { 0 }
    var endIndex: Int { packed.count + whole.count }

    subscript(index: Int) -> Message {
        index < packed.count ? packed.message(at: index) : whole[index - packed.count]
    }

    /// Adds the next message; `clientID` is the `say` id it answers, if any.
    mutating func append(_ message: Message, clientID: String?) {
        whole.append(message)
        wholeClientIDs.append(clientID)
        guard var id = clientID else { return }
        let hash = id.withUTF8(ClientIDIndex.hash)
        if clientIDs.isFull {
            clientIDs = clientIDs.grown { seq in withClientID(seq: seq) { $0.map(ClientIDIndex.hash) ?? 0 } }
        }
        clientIDs.insert(count, hash: hash)
    }

    /// Takes back the last message: only one appended a moment ago for the
    /// auto-responder to read, which no one has seen.
    mutating func removeLast() {
        guard !whole.isEmpty else { return }
        whole.removeLast()
        wholeClientIDs.removeLast()
    }

    /// The seq of the message that answered `say` id `id`, if one did.
    func seq(ofClientID id: String) -> Int? {
        var id = id
        return id.withUTF8 { key in
            clientIDs.seq(hash: ClientIDIndex.hash(key)) { seq in
                withClientID(seq: seq) { $0.map { $0.elementsEqual(key) } ?? false }
            }
        }
    }

    /// Packs the messages up to `seq`, once they are announced.
    mutating func pack(upTo seq: Int) {
        let target = Swift.min(seq, count)
        var moved = 0
        while packed.count < target, packed.append(whole[moved], clientID: wholeClientIDs[moved]) {
            moved += 1
        }
        whole.removeFirst(moved)
        wholeClientIDs.removeFirst(moved)
    }

    /// Whether any message is `from`'s, without decoding the texts.
    func contains(from sender: Sender) -> Bool {
        (0..<packed.count).contains { packed.sender(at: $0) == sender } || whole.contains { $0.from == sender }
    }

    private func withClientID<R>(seq: Int, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
        let index = seq - 1
        guard index >= 0, index < count else { return body(nil) }
        if index < packed.count { return packed.withClientID(at: index, body) }
        guard var id = wholeClientIDs[index - packed.count] else { return body(nil) }
        return id.withUTF8 { body($0) }
    }
}
