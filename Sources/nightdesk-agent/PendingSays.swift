/// Messages sent but not yet acknowledged, oldest first. They are shown as
/// pending, sent again with the same id after a reconnect (the server stores
/// a repeated id once), and become ordinary transcript lines at their ack.
struct PendingSays {
    struct Say: Equatable {
        var id: String
        var session: String
        var text: String
    }

    private(set) var items: [Say] = []

    var isEmpty: Bool { items.isEmpty }

    mutating func add(_ say: Say) { items.append(say) }

    /// Removes and returns the say with this id.
    mutating func take(id: String) -> Say? {
        guard let i = items.firstIndex(where: { $0.id == id }) else { return nil }
        return items.remove(at: i)
    }

    /// Removes and returns every say of a session (it ended or is not ours).
    mutating func takeAll(session: String) -> [Say] {
        let gone = items.filter { $0.session == session }
        items.removeAll { $0.session == session }
        return gone
    }

    /// Whether a message the server relayed is the echo of one of ours not
    /// yet acknowledged: then its ack, not the echo, shows it.
    func isEcho(session: String, text: String) -> Bool {
        items.contains { $0.session == session && $0.text == text }
    }
}
