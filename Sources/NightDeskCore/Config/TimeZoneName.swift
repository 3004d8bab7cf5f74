import Foundation

/// Resolves the IANA time zone names a config may use.
enum TimeZoneName {
    /// The zone named exactly `name`. Foundation also accepts offsets such as
    /// "GMT+5" under another identifier; those are refused because a fixed
    /// offset silently ignores daylight saving time.
    static func zone(_ name: String) -> TimeZone? {
        guard !name.isEmpty, name.unicodeScalars.count <= 64 else { return nil }
        if name == "UTC" { return TimeZone(identifier: "UTC") }
        guard let zone = TimeZone(identifier: name), zone.identifier == name else { return nil }
        return zone
    }

    /// A known zone name the person probably meant ("America/New York").
    static func suggestion(for name: String) -> String? {
        let known = TimeZone.knownTimeZoneIdentifiers
        let normalized = name.replacingOccurrences(of: " ", with: "_").lowercased()
        if let exact = known.first(where: { $0.lowercased() == normalized }) { return exact }
        return ClosestMatch.find(normalized, among: known)
    }
}
