/// What a visitor's words say beyond the question asked: a need, how soon,
/// new or existing patient, a refusal, links, abuse. Word lists, not models:
/// predictable, fast, and easy to extend from real transcripts.
enum VisitorSignals {
    /// Procedures and symptoms: a message naming one states a need.
    static let needWords: Set<String> = [
        "appointment", "appt", "booking", "book", "checkup", "cleaning", "clean", "exam", "consultation", "consult",
        "toothache", "tooth", "teeth", "molar", "wisdom", "gum", "gums", "pain", "hurts", "hurt", "ache", "aching", "sore",
        "sensitive", "sensitivity", "swelling", "swollen", "bleeding", "broken", "broke", "chipped", "cracked", "crown",
        "filling", "cavity", "cavities", "implant", "implants", "whitening", "whiten", "braces", "invisalign", "aligners",
        "veneers", "veneer", "denture", "dentures", "bridge", "extraction", "pulled", "root", "canal", "abscess",
        "infection", "xray", "xrays", "retainer", "bite", "jaw", "braces", "botox", "filler", "fillers", "skin",
        "rash", "fever", "cough", "physical", "vaccine", "flu", "prescription", "refill", "referral", "results", "limpieza", "dolor", "muela", "cita",
    ]

    /// "Soon": wants an appointment today, tomorrow or this week.
    static let soonPatterns = ScriptPatternSet([
        "today", "tonight", "tomorrow", "tmrw", "asap", "as soon as possible", "this week", "this weekend", "next few days",
        "right away", "first thing", "earliest", "soonest", "this morning", "this afternoon", "monday", "tuesday",
        "wednesday", "thursday", "friday", "saturday", "urgent*",
    ].compactMap { try? ScriptPattern.parse($0).get() })

    static let existingPatterns = ScriptPatternSet([
        "existing patient", "current patient", "returning patient", "already a patient", "im a patient", "i am a patient",
        "been there before", "been before", "been to you", "been coming", "my dentist", "my doctor", "my last visit",
        "my last appointment", "patient of", "patient there", "patient with you", "my regular",
    ].compactMap { try? ScriptPattern.parse($0).get() })

    static let newPatterns = ScriptPatternSet([
        "new patient", "first time", "first visit", "never been", "not been", "havent been", "not a patient",
        "not yet", "just moved", "new to the area", "looking for a new dentist", "looking for a dentist",
    ].compactMap { try? ScriptPattern.parse($0).get() })

    static let yesWords: Set<String> = ["y", "yes", "yeah", "yep", "yup", "ya", "si", "sure", "correct", "existing", "returning", "current", "before"]
    static let noWords: Set<String> = ["n", "no", "nope", "nah", "new", "never", "first"]

    static let refusalPatterns = ScriptPatternSet([
        "rather not", "prefer not", "dont want to", "do not want to", "dont have", "do not have", "no phone", "no thanks",
        "not comfortable", "not giving", "wont give", "skip", "none", "pass", "not sharing", "no email", "no number",
        "dont want to give", "no way", "private",
    ].compactMap { try? ScriptPattern.parse($0).get() })

    /// Short messages that carry nothing to record.
    static let fillerWords: Set<String> = [
        "hi", "hii", "hello", "helo", "hallo", "hey", "heya", "hiya", "ok", "okay", "k", "thanks", "thank", "you", "thx", "ty", "yes", "no", "sure", "cool",
        "great", "good", "fine", "hmm", "um", "uh", "lol", "yo", "sup", "morning", "evening", "afternoon", "night", "there",
        "anyone", "bye", "goodbye", "please", "pls", "help", "hola", "buenas", "noches", "what", "huh", "whatever", "nothing",
        "idk", "dunno", "nobody", "anonymous", "test", "testing", "asdf", "why", "who", "hm",
    ]

    /// Words no practice wants aimed at its staff. Kept short and plain:
    /// the point is to answer calmly and flag the lead, not to police.
    static let abusiveWords: Set<String> = [
        "fuck", "fucking", "fucker", "shit", "bitch", "asshole", "bastard", "cunt", "dick", "idiot", "idiots", "stupid",
        "moron", "retard", "retarded", "scam", "scammers", "useless", "wtf", "stfu", "dumb",
    ]

    static let timeWords: Set<String> = [
        "morning", "mornings", "afternoon", "afternoons", "evening", "evenings", "lunch", "lunchtime", "noon", "am", "pm",
        "anytime", "whenever", "weekday", "weekdays", "after", "before", "early", "late", "later", "monday", "tuesday",
        "wednesday", "thursday", "friday", "saturday", "sunday", "any",
    ]

    /// Words that are never part of a name given in answer.
    static let notNameWords: Set<String> = fillerWords.union(timeWords).union(needWords).union([
        "is", "this", "are", "do", "does", "can", "could", "where", "when", "how", "whats", "my", "your", "it", "not",
    ])

    private static let needList = WordList(needWords)
    private static let abusiveList = WordList(abusiveWords)

    static func statesNeed(_ words: VisitorWords) -> Bool { words.containsAny(needList) }
    static func wantsSoon(_ words: VisitorWords) -> Bool { words.matches(soonPatterns) }
    static func refuses(_ words: VisitorWords) -> Bool {
        words.matches(refusalPatterns) || (words.words.count <= 2 && words.words.first.map { ["no", "nope", "nah", "pass"].contains($0) } == true)
    }
    static func isAbusive(_ words: VisitorWords) -> Bool { words.containsAny(abusiveList) }
    static func isFiller(_ words: VisitorWords) -> Bool { words.words.allSatisfy(fillerWords.contains) }

    /// A web address: "http://", "https://" or "www." anywhere in the text.
    static func hasLink(_ text: String) -> Bool {
        let folded = TextScan.foldedASCII(text)
        return linkMarks.contains { TextScan.contains(folded, $0) }
    }

    private static let linkMarks = ["http://", "https://", "www."].map { Array($0.utf8) }

    /// New or existing patient, from an answer to "have you been to us before?".
    static func patientAnswer(_ words: VisitorWords) -> PatientKind? {
        if words.matches(newPatterns) { return .new }
        if words.matches(existingPatterns) { return .existing }
        if words.containsAny(noWords) { return .new }
        if words.containsAny(yesWords) { return .existing }
        return nil
    }

    /// New or existing patient, when said outright in any message.
    static func patientMention(_ words: VisitorWords) -> PatientKind? {
        if words.matches(newPatterns) { return .new }
        if words.matches(existingPatterns) { return .existing }
        return nil
    }
}
