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

struct ExampleScript: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "example-script",
        abstract: "Print the built-in auto-responder script, commented, to start your own from.",
        discussion: """
            nightdesk example-script > night.toml, edit it, add script = "night.toml" to the site's section,
            then nightdesk check --config nightdesk.toml (or nightdesk check --script night.toml).
            """
    )

    func run() {
        print(SiteScript.demoText)
    }
}
