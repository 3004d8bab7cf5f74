import ArgumentParser
import Foundation
import NightDeskCore
import NightDeskServer
import NightDeskStore

struct Staff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Front-desk staff access to the leads API.",
        subcommands: [Add.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a staff member and print their API token (once: only its hash is kept).",
            discussion: "They send it as Authorization: Bearer <token>. Without --sites they see every site's leads."
        )

        @Argument(help: "The staff member's id: 1-64 characters of a-z, 0-9, - and _ (\"frontdesk\").")
        var id: String

        @Option(name: .long, help: ArgumentHelp("Only these sites' leads, comma-separated.", valueName: "site,..."))
        var sites: String?

        @OptionGroup var options: ConfigOptions

        func validate() throws {
            guard (1...64).contains(id.count), id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                throw ValidationError("the id must be 1-64 characters of a-z, 0-9, - and _")
            }
        }

        func run() throws {
            let config = try options.load()
            let siteList = (sites ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let unknown = siteList.filter { config.site($0) == nil }
            guard unknown.isEmpty else {
                printError("nightdesk: no site \(unknown.joined(separator: ", ")); sites: \(config.sites.map(\.id).joined(separator: ", "))")
                throw ExitCode(2)
            }
            var tokens = OpenSSLTokens()
            let token = tokens.newSecret()
            do {
                try StaffCredentialFiles(dataDirectory: config.settings.dataDirectory)
                    .write(StaffCredential(id: id, sites: siteList, tokenHash: tokens.hash(token)), createdAt: Timestamp(Date()))
            } catch {
                printError("nightdesk: cannot save the staff member: \(error)")
                throw ExitCode(1)
            }
            print(token)
            printError("nightdesk: staff \(id) sees \(siteList.isEmpty ? "every site" : siteList.joined(separator: ", ")); the token above is shown once")
        }
    }
}

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the audit log: every lead viewed, changed or exported through the API, by whom, when."
    )

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let config = try options.load()
        for line in AuditLog(dataDirectory: config.settings.dataDirectory).lines() {
            guard let entry = try? JSONParser.parse(line) else { print(PlainText.strippingControls(line)); continue }
            let parts = [entry["at"], entry["by"], entry["action"], entry["lead"], entry["detail"]].map { PlainText.strippingControls($0?.stringValue ?? "-") }
            print(parts.joined(separator: "  "))
        }
    }
}
