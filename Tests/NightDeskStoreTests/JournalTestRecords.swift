import NightDeskCore

/// A session's first record, as the roll and syncer tests write it.
func started(_ session: String) -> JournalRecord {
    .sessionStarted(SessionStart(session: session, site: "demo", resumeHash: "h-" + session, startedAt: Timestamp(milliseconds: 1000),
                                 source: LeadSource(page: nil, referrer: nil, utm: [:])))
}
