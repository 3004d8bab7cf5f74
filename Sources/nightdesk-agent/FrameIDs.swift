import Foundation

/// The ids of `say` and `lead` frames, `a-<n>`. The server answers a
/// repeated id with the first one's ack and stores nothing, so ids must not
/// repeat across runs of the client in the same chat: n starts at the
/// clock's milliseconds rather than at 1.
struct FrameIDs {
    private var next: Int64

    init(start: Int64 = Int64(Date().timeIntervalSince1970 * 1000)) {
        next = start
    }

    mutating func make() -> String {
        defer { next += 1 }
        return "a-\(next)"
    }
}
