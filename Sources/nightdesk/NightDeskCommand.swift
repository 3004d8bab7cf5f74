import ArgumentParser

@main
struct NightDeskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nightdesk",
        abstract: "The after-hours front desk: answers practices' website chats and keeps every conversation as a lead.",
        discussion: """
        Start with `nightdesk serve` and open the URL it prints: a demo practice \
        with a chat box. Point --config at your own file to serve your sites \
        (`nightdesk check --config FILE` finds its mistakes first).

        Environment: NIGHTDESK_CONFIG, NIGHTDESK_DATA, NIGHTDESK_HOST, NIGHTDESK_PORT and \
        NIGHTDESK_LOG_LEVEL override the config file; flags override both.
        Exit codes: 0 success, 1 runtime failure, 2 bad configuration, 64 bad usage.
        """,
        subcommands: [Serve.self, Check.self, Agents.self, Staff.self, Leads.self, Audit.self, ExampleConfig.self, ExampleScript.self]
    )
}
