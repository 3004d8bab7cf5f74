import Foundation

/// An instant as whole milliseconds since the Unix epoch: exact to store,
/// compare and subtract, and what the protocol's RFC 3339 times carry.
public struct Timestamp: Sendable, Hashable, Comparable {
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    public init(_ date: Date) {
        milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    public var date: Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.milliseconds < b.milliseconds }

    public func adding(seconds: Double) -> Timestamp {
        Timestamp(milliseconds: milliseconds + Int64((seconds * 1000).rounded()))
    }

    public func seconds(since other: Timestamp) -> Double {
        Double(milliseconds - other.milliseconds) / 1000
    }

    /// RFC 3339 UTC with milliseconds: `2026-11-22T23:14:05.123Z`.
    public var rfc3339: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        appendRFC3339(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes `rfc3339` into `out` digit by digit: every message frame
    /// carries one, and string interpolation made it a third of the frame's cost.
    public func appendRFC3339(to out: inout [UInt8]) {
        let ms = Int(((milliseconds % 1000) + 1000) % 1000)
        let totalSeconds = (milliseconds - Int64(ms)) / 1000
        var days = totalSeconds / 86_400
        var secondOfDay = totalSeconds % 86_400
        if secondOfDay < 0 { secondOfDay += 86_400; days -= 1 }
        let (y, m, d) = Timestamp.civil(fromDays: days)
        let hh = Int(secondOfDay / 3600), mm = Int(secondOfDay / 60 % 60), ss = Int(secondOfDay % 60)
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var rest = value
            if rest >= divisor * 10 { JSONWriter.appendDecimal(rest, to: &out); return }
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }
        func part(_ separator: Unicode.Scalar, _ value: Int, _ width: Int) {
            out.append(UInt8(ascii: separator))
            digits(value, width)
        }
        if y < 0 { out.append(UInt8(ascii: "-")) }
        digits(Int(abs(y)), 4)
        part("-", m, 2)
        part("-", d, 2)
        part("T", hh, 2)
        part(":", mm, 2)
        part(":", ss, 2)
        part(".", ms, 3)
        out.append(UInt8(ascii: "Z"))
    }

    /// "2026-11-22 18:14:05" (or "18:14:05" without the date) on the
    /// wall clock of `zone`: plain arithmetic on the zone's offset, far
    /// cheaper than a DateFormatter for a transcript's every line.
    public func localText(in zone: TimeZone, withDate: Bool) -> String {
        let offset = Int64(zone.secondsFromGMT(for: date))
        let local = Int64((Double(milliseconds) / 1000).rounded(.down)) + offset
        var days = local / 86_400
        var secondOfDay = local % 86_400
        if secondOfDay < 0 { secondOfDay += 86_400; days -= 1 }
        let hh = Int(secondOfDay / 3600), mm = Int(secondOfDay / 60 % 60), ss = Int(secondOfDay % 60)
        let clock = "\(pad(hh, 2)):\(pad(mm, 2)):\(pad(ss, 2))"
        guard withDate else { return clock }
        let (y, m, d) = Timestamp.civil(fromDays: days)
        return "\(pad(Int(y), 4))-\(pad(m, 2))-\(pad(d, 2)) " + clock
    }

    /// Parses what `rfc3339` writes (and offsets other than Z).
    public init?(rfc3339 text: String) {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: text) { self.init(d); return }
        f.formatOptions = [.withInternetDateTime]
        guard let d = f.date(from: text) else { return nil }
        self.init(d)
    }

    /// Howard Hinnant's days-to-civil: exact for the proleptic Gregorian calendar.
    static func civil(fromDays z0: Int64) -> (Int64, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = Int(doy - (153 * mp + 2) / 5 + 1)
        let m = Int(mp < 10 ? mp + 3 : mp - 9)
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

private func pad(_ value: Int, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// The time source the relay reads; injected so rules are tested without waiting.
public protocol Clock: Sendable {
    func now() -> Timestamp
}

/// The machine's wall clock.
public struct SystemClock: Clock {
    public init() {}
    public func now() -> Timestamp { Timestamp(Date()) }
}
