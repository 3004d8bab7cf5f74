/// A session's messages in seq order: index `i` holds seq `i + 1`.
///
/// What a chat's tabs have been sent is packed into bytes (`pack`), a fifth
/// of the memory of whole `Message`s; the rest stays whole. The messages not
/// yet announced are about to be encoded into frames, and an idle widget's
/// greeting is its site's one shared string, which packing would copy into
/// every session. An idle widget's transcript is one array, as before
/// packing: the packed part and the `say` ids live in a `Store` made when
/// the first id or packed message comes.
struct Transcript: RandomAccessCollection {
    private var whole: [Message] = []
    private var store: Store?
    /// How many messages `store` holds packed. Kept here, not read from the
    /// store, because `count` and the subscript are read many times a
    /// message, and each read of a class's property costs a run-time
    /// exclusivity check (callgrind, 100-chat relay: 220k of 568k checks).
    private var packedCount = 0

    /// A class so that an idle session pays one pointer for it (and
    /// `packedCount`'s 8 bytes beside it); copied
    /// before a change when shared, so a `Transcript` still acts as a value.
    private final class Store {
        var packed = PackedMessages()
        /// The `say` ids of messages still whole, by seq.
        var wholeClientIDs: [Int: String] = [:]
        var clientIDs = ClientIDIndex()

        func copy() -> Store {
            let copy = Store()
            copy.packed = packed
            copy.wholeClientIDs = wholeClientIDs
            copy.clientIDs = clientIDs
            return copy
        }
    }

    var startIndex: Int { 0 }
    var endIndex: Int { packedCount + whole.count }
    var count: Int { packedCount + whole.count }

    subscript(index: Int) -> Message {
        if index < packedCount, let store { return store.packed.message(at: index) }
        return whole[index - packedCount]
    }

    /// Adds the next message; `clientID` is the `say` id it answers, if any.
    mutating func append(_ message: Message, clientID: String?) {
        whole.append(message)
        guard var id = clientID else { return }
        let store = uniqueStore()
        store.wholeClientIDs[count] = id
        let hash = id.withUTF8(ClientIDIndex.hash)
        if store.clientIDs.isFull {
            store.clientIDs = store.clientIDs.grown { seq in withClientID(seq: seq) { $0.map(ClientIDIndex.hash) ?? 0 } }
        }
        store.clientIDs.insert(count, hash: hash)
    }

    /// Takes back the last message: only one appended a moment ago for the
    /// auto-responder to read, which no one has seen.
    mutating func removeLast() {
        guard !whole.isEmpty else { return }
        if store?.wholeClientIDs[count] != nil { uniqueStore().wholeClientIDs[count] = nil }
        whole.removeLast()
    }

    /// The seq of `sender`'s message that answered `say` id `id`, if one
    /// did. The sender is part of the match: a visitor may choose an id
    /// that spells an agent's key, and must not make that agent's message
    /// look like a repeat (nor the other way round).
    func seq(ofClientID id: String, from sender: Sender) -> Int? {
        guard let store else { return nil }
        var id = id
        return id.withUTF8 { key in
            store.clientIDs.seq(hash: ClientIDIndex.hash(key)) { seq in
                self.sender(seq: seq) == sender && withClientID(seq: seq) { $0.map { $0.elementsEqual(key) } ?? false }
            }
        }
    }

    private func sender(seq: Int) -> Sender? {
        let index = seq - 1
        guard index >= 0, index < count else { return nil }
        if index < packedCount, let store { return store.packed.sender(at: index) }
        return whole[index - packedCount].from
    }

    /// Packs the messages up to `seq`, once they are announced.
    mutating func pack(upTo seq: Int) {
        let target = Swift.min(seq, count)
        guard target > packedCount else { return }
        let store = uniqueStore()
        var moved = 0
        while packedCount + moved < target {
            let seq = packedCount + moved + 1
            guard store.packed.append(whole[moved], clientID: store.wholeClientIDs[seq]) else { break }
            store.wholeClientIDs[seq] = nil
            moved += 1
        }
        packedCount += moved
        whole.removeFirst(moved)
    }

    /// Whether any message is `from`'s, without decoding the texts.
    func contains(from sender: Sender) -> Bool {
        indices.contains { self.sender(seq: $0 + 1) == sender }
    }

    private mutating func uniqueStore() -> Store {
        let unique = isKnownUniquelyReferenced(&store) ? store : nil
        let result = unique ?? store?.copy() ?? Store()
        store = result
        return result
    }

    private func withClientID<R>(seq: Int, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
        let index = seq - 1
        guard let store, index >= 0, index < count else { return body(nil) }
        if index < packedCount { return store.packed.withClientID(at: index, body) }
        guard var id = store.wholeClientIDs[seq] else { return body(nil) }
        return id.withUTF8 { body($0) }
    }
}
