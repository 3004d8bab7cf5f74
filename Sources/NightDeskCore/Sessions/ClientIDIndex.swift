/// Which seq each `say` id got, so a repeat is answered with the first ack
/// and stored once. An open-addressed table of seqs: the ids themselves are
/// read back from the transcript, which holds each once already, where a
/// `[String: Int]` would hold a second copy (a widget's id is 34 bytes, a
/// heap string) and cost about 110 bytes a message.
///
/// The hash is `Hasher`'s, seeded afresh by every process, so a visitor
/// cannot choose ids that all land in one run of slots.
struct ClientIDIndex {
    /// A seq, or 0 for an empty slot; the count is a power of two.
    private var slots: [UInt32] = []
    private var filled = 0

    static func hash(_ id: UnsafeBufferPointer<UInt8>) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(id))
        return hasher.finalize()
    }

    /// The seq whose id `matches` accepts, among those that hashed like it.
    func seq(hash: Int, matches: (Int) -> Bool) -> Int? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] != 0 {
            let seq = Int(slots[slot])
            if matches(seq) { return seq }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Whether the next insert needs `grown` first: at most half the
    /// slots are used, so a search ends soon at an empty one.
    var isFull: Bool { (filled + 1) * 2 > slots.count }

    /// The same seqs in twice the slots; `hashOf` gives a held seq's hash.
    func grown(hashOf: (Int) -> Int) -> ClientIDIndex {
        var bigger = ClientIDIndex()
        bigger.slots = Array(repeating: 0, count: max(8, slots.count * 2))
        for held in slots where held != 0 { bigger.place(held, hash: hashOf(Int(held))) }
        return bigger
    }

    /// Adds `seq` under `hash`, after `grown` if `isFull`. A seq past
    /// `UInt32` (four billion messages in one chat) is not indexed: a
    /// repeat of its id would be stored again.
    mutating func insert(_ seq: Int, hash: Int) {
        guard !isFull, seq > 0, let value = UInt32(exactly: seq) else { return }
        place(value, hash: hash)
    }

    private mutating func place(_ value: UInt32, hash: Int) {
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = value
        filled += 1
    }
}
