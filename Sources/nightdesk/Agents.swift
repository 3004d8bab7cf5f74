import ArgumentParser
import Foundation
import NightDeskCore
import NightDeskServer
import NightDeskStore

struct Agents: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add, revoke and list on-call agents.",
        discussion: """
        Credentials live in DATA/agents/, one file each, holding only a SHA-256 of the \
        token. A running server with the same --data picks up changes within a second: \
        a new agent can sign in at once, a revoked one is disconnected.
        """,
        subcommands: [Add.self, Revoke.self, List.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an agent and print their token (once: only its hash is kept).",
            discussion: "Give the token to the agent privately; they put it in a file for nightdesk-agent --token-file, or in NIGHTDESK_AGENT_TOKEN."
        )

        @Argument(help: "The agent's id: 1-64 characters of a-z, 0-9, - and _ (\"amy\").")
        var id: String

        @Option(name: .long, help: "The name visitors see (\"Amy\").")
        var name: String

        @Option(name: .long, help: ArgumentHelp("The sites (practices) the agent covers, comma-separated.", valueName: "site,..."))
        var sites: String

        @Option(name: .long, help: "How many chats the agent holds at once (default 3).")
        var capacity = 3

        @Flag(name: .long, help: "Replace an existing agent of this id (their old token stops working).")
        var replace = false

        @OptionGroup var options: ConfigOptions

        func validate() throws {
            guard (1...64).contains(id.count), id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                throw ValidationError("the id must be 1-64 characters of a-z, 0-9, - and _")
            }
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty, name.count <= 64 else {
                throw ValidationError("--name must be 1-64 characters")
            }
            guard (1...50).contains(capacity) else { throw ValidationError("--capacity must be 1 to 50") }
        }

        func run() throws {
            let config = try options.load()
            let siteList = sites.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let unknown = siteList.filter { config.site($0) == nil }
            guard !siteList.isEmpty, unknown.isEmpty else {
                printError("nightdesk: no site \(unknown.joined(separator: ", ")) in \(options.config ?? "the built-in demo"); sites: \(config.sites.map(\.id).joined(separator: ", "))")
                throw ExitCode(2)
            }
            let files = AgentCredentialFiles(dataDirectory: config.settings.dataDirectory)
            if !replace, files.all().credentials.contains(where: { $0.0.id == id && !$0.0.revoked }) {
                printError("nightdesk: agent \(id) exists; use --replace to issue a new token (the old one stops working)")
                throw ExitCode(2)
            }
            var tokens = OpenSSLTokens()
            let token = tokens.newSecret()
            let credential = AgentCredential(id: id, name: name, sites: siteList, capacity: capacity, tokenHash: tokens.hash(token))
            do {
                try files.write(credential, createdAt: Timestamp(Date()))
            } catch {
                printError("nightdesk: cannot save the agent: \(error)")
                throw ExitCode(1)
            }
            print(token)
            printError("nightdesk: agent \(id) (\(name)) covers \(siteList.joined(separator: ", ")); the token above is shown once")
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an agent: their token stops working and a running server disconnects them.")

        @Argument(help: "The agent's id.")
        var id: String

        @OptionGroup var options: ConfigOptions

        func run() throws {
            let config = try options.load()
            let files = AgentCredentialFiles(dataDirectory: config.settings.dataDirectory)
            guard let (credential, json) = files.all().credentials.first(where: { $0.0.id == id }) else {
                printError("nightdesk: no agent \(id) in \(files.directory)")
                throw ExitCode(2)
            }
            let created = json["created_at"]?.stringValue.flatMap(Timestamp.init(rfc3339:)) ?? Timestamp(Date())
            var revoked = credential
            revoked.revoked = true
            do {
                try files.write(revoked, createdAt: created, revokedAt: Timestamp(Date()))
            } catch {
                printError("nightdesk: cannot revoke: \(error)")
                throw ExitCode(1)
            }
            printError("nightdesk: agent \(id) revoked")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List agents: id, name, sites, capacity, and whether revoked.")

        @OptionGroup var options: ConfigOptions

        func run() throws {
            let config = try options.load()
            let (all, problems) = AgentCredentialFiles(dataDirectory: config.settings.dataDirectory).all()
            for problem in problems { printError("nightdesk: \(problem)") }
            for (c, _) in all.sorted(by: { $0.0.id < $1.0.id }) {
                print("\(c.id)\t\(c.name)\t\(c.sites.joined(separator: ","))\tcapacity \(c.capacity)\(c.revoked ? "\trevoked" : "")")
            }
        }
    }
}
