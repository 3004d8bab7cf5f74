/// Phrases that mean someone may need emergency care now. Health safety
/// comes before any script: these make the next reply the emergency line.
public enum EmergencyWords {
    public static let defaults = [
        "emergency", "chest pain", "can't breathe", "cant breathe", "cannot breathe", "trouble breathing",
        "severe bleeding", "bleeding a lot", "won't stop bleeding", "wont stop bleeding",
        "swelling of the face", "face is swelling", "face swelling", "swollen face", "throat is swelling",
        "suicidal", "kill myself", "overdose", "unconscious", "passed out", "stroke", "seizure",
    ]

    public static func matches(_ text: String, phrases: [String] = defaults) -> Bool {
        let lower = text.lowercased().replacingOccurrences(of: "’", with: "'")
        return phrases.contains { lower.contains($0) }
    }
}
