import ArgumentParser
import Foundation
import NightDeskCore
import NightDeskStore

/// Who the command line acts as, for the audit log.
func commandLineUser() -> String {
    "cli:" + (ProcessInfo.processInfo.environment["SUDO_USER"] ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown")
}

func audit(_ config: NightDeskConfig, _ action: String, lead: String? = nil, detail: String? = nil) throws {
    do {
        try AuditLog(dataDirectory: config.settings.dataDirectory)
            .append(at: Timestamp(Date()), by: commandLineUser(), action: action, lead: lead, detail: detail)
    } catch {
        printError("nightdesk: cannot write the audit log (\(error)); nothing was done")
        throw ExitCode(1)
    }
}

extension Leads {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print one lead: its details, history, notes and transcript.")

        @Argument(help: "The lead's id (l-...).") var id: String
        @OptionGroup var options: ConfigOptions

        func run() throws {
            let config = try options.load()
            let files = LeadFiles(dataDirectory: config.settings.dataDirectory)
            guard let lead = files.read(id) else {
                printError("nightdesk: no lead \(id) in \(files.directory)")
                throw ExitCode(2)
            }
            try audit(config, "view", lead: id)
            print(MorningQueue.line(lead))
            print("status: \(lead["status"]?.stringValue ?? "-")")
            for entry in lead["history"]?.arrayValue ?? [] {
                print("  \(entry["at"]?.stringValue ?? "") \(entry["by"]?.stringValue ?? ""): \(entry["from"]?.stringValue ?? "-") -> \(entry["status"]?.stringValue ?? "")")
            }
            for note in lead["notes"]?.arrayValue ?? [] {
                print("  note \(note["at"]?.stringValue ?? "") \(note["by"]?.stringValue ?? ""): \(PlainText.strippingControls(note["text"]?.stringValue ?? ""))")
            }
            if let text = try? String(contentsOfFile: files.textPath(id), encoding: .utf8) {
                print("")
                print(PlainText.strippingControls(text), terminator: "")
            }
        }
    }

    struct Mark: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a lead's status (new, contacted, booked, lost, spam) and/or add a note.",
            discussion: "Safe while the server runs: the change is made under the same lock the API uses, and kept in the lead's history."
        )

        @Argument(help: "The lead's id (l-...).") var id: String
        @Argument(help: "new, contacted, booked, lost or spam.") var status: String?
        @Option(name: .long, help: "A note for the lead.") var note: String?
        @OptionGroup var options: ConfigOptions

        func run() throws {
            let config = try options.load()
            let change = LeadChange(status: status, note: note, by: commandLineUser(), at: Timestamp(Date()))
            if let problem = change.problem {
                printError("nightdesk: \(problem)")
                throw ExitCode(2)
            }
            let files = LeadFiles(dataDirectory: config.settings.dataDirectory)
            let updated: JSONValue?
            do { updated = try files.update(id) { change.applied(to: $0) } } catch {
                printError("nightdesk: cannot save the lead: \(error)")
                throw ExitCode(1)
            }
            guard let updated else {
                printError("nightdesk: no lead \(id) in \(files.directory)")
                throw ExitCode(2)
            }
            try audit(config, "change", lead: id, detail: [status.map { "status \($0)" }, note.map { _ in "note" }].compactMap { $0 }.joined(separator: ", "))
            print(MorningQueue.line(updated))
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the morning queue as CSV to stdout, formulas neutralised.")

        @Option(name: .long, help: "Only leads with this status.") var status: String?
        @Option(name: .long, help: "Only leads of this site.") var site: String?
        @OptionGroup var options: ConfigOptions

        func run() throws {
            let config = try options.load()
            let leads = MorningQueue.order(LeadFiles(dataDirectory: config.settings.dataDirectory).all().leads.filter {
                (status == nil || $0["status"]?.stringValue == status) && (site == nil || $0["site"]?.stringValue == site)
            })
            try audit(config, "export", detail: "\(leads.count) leads")
            print(LeadCSV.render(leads), terminator: "")
        }
    }

    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete leads older than their site's retention_days (default 365), and say which.",
            discussion: "Age counts from when the chat ended. --dry-run lists without deleting. Each deletion is in the audit log."
        )

        @Flag(name: .long, help: "List what would go, delete nothing.") var dryRun = false
        @Option(name: .long, help: ArgumentHelp("Judge ages as of this RFC 3339 time instead of now (what would next week's purge remove?).", valueName: "time"))
        var asOf: String?
        @OptionGroup var options: ConfigOptions

        func validate() throws {
            if let asOf, Timestamp(rfc3339: asOf) == nil { throw ValidationError("--as-of must be an RFC 3339 time like 2026-12-01T08:00:00Z") }
        }

        func run() throws {
            let config = try options.load()
            let files = LeadFiles(dataDirectory: config.settings.dataDirectory)
            let now = asOf.flatMap(Timestamp.init(rfc3339:)) ?? Timestamp(Date())
            var removed = 0
            for lead in files.all().leads {
                guard let id = lead["id"]?.stringValue, let ended = lead["ended_at"]?.stringValue.flatMap(Timestamp.init(rfc3339:)) else { continue }
                let days = config.site(lead["site"]?.stringValue ?? "")?.retentionDays ?? 365
                guard now.seconds(since: ended) > Double(days) * 86_400 else { continue }
                if !dryRun {
                    try audit(config, "purge", lead: id, detail: "older than \(days) days")
                    do { try files.remove(id) } catch {
                        printError("nightdesk: \(error)")
                        throw ExitCode(1)
                    }
                }
                removed += 1
                print("\(dryRun ? "would remove" : "removed") \(id) (\(lead["site"]?.stringValue ?? "?"), ended \(ended.rfc3339), kept \(days) days)")
            }
            printError("nightdesk: \(removed) lead\(removed == 1 ? "" : "s") \(dryRun ? "would be " : "")removed")
        }
    }
}
