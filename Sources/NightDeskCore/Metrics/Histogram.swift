/// A Prometheus-style histogram: cumulative counts per upper bound, plus the
/// sum and count of every observation. A value type with no lock: whoever
/// owns it (the service thread, or a Mutex) decides how it is shared.
public struct Histogram: Sendable, Equatable {
    /// Upper bounds, ascending; `+Inf` is implied.
    public let bounds: [Double]
    /// Observations at or below each bound (not yet cumulative).
    public private(set) var bucketCounts: [Int]
    public private(set) var sum: Double = 0
    public private(set) var count: Int = 0

    public init(bounds: [Double]) {
        self.bounds = bounds.sorted()
        self.bucketCounts = Array(repeating: 0, count: bounds.count)
    }

    /// Latencies in seconds from 0.5 ms to 10 s: fsyncs, acks.
    public static func latencySeconds() -> Histogram {
        Histogram(bounds: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10])
    }

    /// Human response times in seconds, from a bot's instant reply to an hour.
    public static func responseSeconds() -> Histogram {
        Histogram(bounds: [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 900, 3600])
    }

    public mutating func observe(_ value: Double) {
        sum += value
        count += 1
        if let index = bounds.firstIndex(where: { value <= $0 }) { bucketCounts[index] += 1 }
    }

    /// (bound, observations at or below it), ending with +Inf = count.
    public var cumulative: [(bound: Double, count: Int)] {
        var running = 0
        var out: [(Double, Int)] = []
        for (bound, n) in zip(bounds, bucketCounts) {
            running += n
            out.append((bound, running))
        }
        out.append((.infinity, count))
        return out
    }
}
