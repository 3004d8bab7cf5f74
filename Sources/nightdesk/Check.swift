import ArgumentParser
import Foundation
import NightDeskCore

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a configuration file (and the scripts it names), or one script, and report every mistake with its line.",
        discussion: """
            Prints FILE:LINE:COLUMN: message for each problem, like a compiler: unknown keys, bad values, and in \
            scripts unknown or unreachable steps, loops with no way to the closing, bad patterns and placeholders. \
            Exit 0 when everything is good, 2 when it is not.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The configuration file to check, with the script files its sites name.", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("An auto-responder script file to check on its own.", valueName: "file"))
    var script: String?

    func validate() throws {
        if config == nil, script == nil {
            throw ValidationError("give --config FILE or --script FILE (or both)")
        }
    }

    func run() throws {
        if let config {
            let loaded = try ConfigOptions(config: config, data: nil).load()
            print("\(config): ok, \(loaded.sites.count) site\(loaded.sites.count == 1 ? "" : "s"): \(loaded.sites.map(\.id).joined(separator: ", "))")
        }
        if let script {
            guard let text = ScriptFile.read(script, besideConfig: "") else {
                printError("nightdesk: cannot read the script file \(script): no such file or not UTF-8 text.")
                throw ExitCode(2)
            }
            do {
                let parsed = try SiteScript.parse(text, source: script)
                print("\(script): ok, \(parsed.steps.count) steps, \(parsed.answers.count) answers")
            } catch {
                let count = error.problems.count
                printError("\(error)\nnightdesk: \(script) has \(count) mistake\(count == 1 ? "" : "s"); fix the lines above.")
                throw ExitCode(2)
            }
        }
    }
}

extension ConfigOptions {
    init(config: String?, data: String?) {
        self.init()
        self.config = config
        self.data = data
    }
}
