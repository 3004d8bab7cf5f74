import Foundation

/// Monotonic seconds for timers (reconnect, offer countdowns, typing): a
/// wall clock set back at 2 am must not stall a reconnect.
enum AgentClock {
    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
