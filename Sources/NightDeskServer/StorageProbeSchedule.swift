/// At most one storage probe at a time, and at most one a second: /healthz
/// is open to anyone, and every probe is a write and an fsync on the disk
/// the journal's acks wait for. Requests that arrive while a probe runs wait
/// for its result; requests within a second of one reuse it.
/// Owned by the service thread; no lock.
struct StorageProbeSchedule {
    static let freshForNanoseconds: UInt64 = 1_000_000_000

    private var last: (at: UInt64, probe: StorageProbe)?
    private var waiting: [UInt64] = []

    enum Decision: Equatable {
        /// Answer now with this recent result.
        case answer(StorageProbe)
        /// The exchange waits; start a probe (none is running).
        case startProbe
        /// The exchange waits for the probe already running.
        case wait
    }

    mutating func ask(_ exchange: UInt64, now: UInt64) -> Decision {
        if let last, now - last.at < Self.freshForNanoseconds { return .answer(last.probe) }
        waiting.append(exchange)
        return waiting.count == 1 ? .startProbe : .wait
    }

    /// Records a finished probe; returns the exchanges that waited for it.
    mutating func finished(_ probe: StorageProbe, now: UInt64) -> [UInt64] {
        last = (now, probe)
        defer { waiting = [] }
        return waiting
    }
}
