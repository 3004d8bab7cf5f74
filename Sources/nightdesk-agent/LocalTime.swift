import Foundation
import NightDeskCore

/// Messages are stamped in the agent's own time zone: at 2 am the agent
/// thinks in local time, whatever the server's UTC says.
enum LocalTime {
    static func hhmm(_ t: Timestamp) -> String {
        var seconds = time_t(t.milliseconds / 1000)
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil else { return "--:--" }
        return String(format: "%02d:%02d", parts.tm_hour, parts.tm_min)
    }

    static func now() -> Timestamp { Timestamp(Date()) }
}
