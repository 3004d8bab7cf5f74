import NightDeskCore

/// Journal work gathered on one thread over a loop turn and handed to the
/// writer thread at once (`Journal.submit`): one lock and one wake-up for
/// the turn instead of three per message. The items keep their order.
public struct JournalBatch {
    var items: [Journal.Item] = []

    public init() {}

    public var isEmpty: Bool { items.isEmpty }

    /// See `Journal.append`.
    public mutating func append(_ record: JournalRecord) {
        items.append(.record(record))
    }

    /// See `Journal.afterWritten`.
    public mutating func afterWritten(_ completion: @escaping @Sendable () -> Void) {
        items.append(.written(completion))
    }

    /// See `Journal.afterDurable`.
    public mutating func afterDurable(_ completion: @escaping @Sendable (Bool) -> Void) {
        items.append(.barrier(completion))
    }

    /// See `Journal.writeLead`.
    public mutating func writeLead(_ lead: LeadRecord, completion: @escaping @Sendable () -> Void) {
        items.append(.lead(lead, completion))
    }
}

extension Journal.Item {
    static func record(_ record: JournalRecord) -> Journal.Item {
        var finishes = false
        if case .leadWritten = record { finishes = true }
        return .record(RecordCodec.encode(record), session: record.sessionID, finishesSession: finishes)
    }
}
