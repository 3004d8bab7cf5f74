/// Delays between reconnect attempts: doubling from `base` up to `cap`, each
/// drawn between half and all of that ("equal jitter"), so that when a
/// server restarts its agents do not all knock at the same instant, and a
/// long outage is retried every half minute or so.
struct Backoff {
    var base = 0.5
    var cap = 30.0
    private(set) var failures = 0

    init(base: Double = 0.5, cap: Double = 30) {
        self.base = base
        self.cap = cap
    }

    /// The delay before the next attempt, counting one more failure.
    mutating func nextDelay<R: RandomNumberGenerator>(using rng: inout R) -> Double {
        let exponent = min(failures, 30)
        failures += 1
        let ceiling = min(cap, base * Double(1 << exponent))
        return ceiling / 2 + Double.random(in: 0...(ceiling / 2), using: &rng)
    }

    mutating func nextDelay() -> Double {
        var rng = SystemRandomNumberGenerator()
        return nextDelay(using: &rng)
    }

    /// After a connection that got as far as `welcome`.
    mutating func reset() { failures = 0 }
}
