import ArgumentParser
import Foundation
import NightDeskCore

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a configuration file and report every mistake with its line.",
        discussion: "Prints FILE:LINE:COLUMN: message for each problem, like a compiler. Exit 0 when the file is good, 2 when it is not."
    )

    @Option(name: .long, help: ArgumentHelp("The configuration file to check.", valueName: "file"))
    var config: String

    func run() throws {
        let loaded = try ConfigOptions(config: config, data: nil).load()
        print("\(config): ok, \(loaded.sites.count) site\(loaded.sites.count == 1 ? "" : "s"): \(loaded.sites.map(\.id).joined(separator: ", "))")
    }
}

extension ConfigOptions {
    init(config: String?, data: String?) {
        self.init()
        self.config = config
        self.data = data
    }
}
