import ArgumentParser
import NightDeskCore

struct ExampleConfig: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "example-config",
        abstract: "Print the built-in demo configuration, commented, to start your own from.",
        discussion: "nightdesk example-config > nightdesk.toml, edit it, then nightdesk check --config nightdesk.toml."
    )

    func run() {
        print(NightDeskConfig.demoText)
    }
}
