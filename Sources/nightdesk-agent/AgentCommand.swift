import ArgumentParser

/// `nightdesk-agent`'s command line. There is deliberately no `--token`:
/// an argument shows in `ps` and in shell history (main.swift refuses one
/// with an explanation before parsing).
struct AgentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nightdesk-agent",
        abstract: "The on-call agent's terminal client for NightDesk after-hours chat.",
        usage: "nightdesk-agent --server ws://HOST:PORT [--token-file FILE] [--ca-file FILE]",
        discussion: HelpText.discussion
    )

    @Option(help: ArgumentHelp("The server: ws://HOST:PORT or wss://HOST:PORT (path /ws unless given).", valueName: "url"))
    var server: String

    @Option(name: .customLong("token-file"),
            help: ArgumentHelp("A file holding the agent token (else $NIGHTDESK_AGENT_TOKEN).", valueName: "file"))
    var tokenFile: String?

    @Option(name: .customLong("ca-file"),
            help: ArgumentHelp("PEM certificates to trust for wss://, e.g. a self-signed server's.", valueName: "file"))
    var caFile: String?

    @Flag(help: "Also show libwebsockets' own warnings and errors.")
    var debug = false
}
