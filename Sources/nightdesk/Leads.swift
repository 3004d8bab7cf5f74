import ArgumentParser
import Foundation
import NightDeskCore
import NightDeskStore

struct Leads: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work with the leads in the data directory.",
        subcommands: [List.self, Show.self, Mark.self, Export.self, Purge.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The morning queue: hot before warm before cold, then oldest first.",
            discussion: "Safe to run while the server runs: leads are whole files, renamed into place."
        )

        @OptionGroup var options: ConfigOptions

        @Option(name: .long, help: "Only leads with this status (new, contacted, booked, lost, spam).")
        var status: String?

        @Option(name: .long, help: "Only leads of this site.")
        var site: String?

        @Flag(name: .long, help: "Print {\"items\": [lead, ...]} as the HTTP API does.")
        var json = false

        func run() throws {
            let config = try options.load()
            let (all, problems) = LeadFiles(dataDirectory: config.settings.dataDirectory).all()
            for problem in problems { printError("nightdesk: skipped an unreadable lead: \(problem)") }
            let queue = MorningQueue.order(all.filter { lead in
                (status == nil || lead["status"]?.stringValue == status) && (site == nil || lead["site"]?.stringValue == site)
            })
            if json {
                let items = queue.map { lead -> String in
                    guard case .object(var fields) = lead else { return lead.jsonText }
                    fields["transcript"] = nil
                    return JSONValue.object(fields).jsonText
                }
                print("{\"items\":" + JSONWriter.array(items) + "}")
                return
            }
            if queue.isEmpty {
                print("No leads\(status.map { " with status \($0)" } ?? "") in \(config.settings.dataDirectory)/leads.")
                return
            }
            for lead in queue { print(MorningQueue.line(lead)) }
        }
    }
}
