import ArgumentParser
import Foundation
import NightDeskCore

/// `--config` and `--data`, shared by every command that reads the data directory.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Configuration file (a commented TOML subset; see README). Without it: the built-in demo site.", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Data directory: journal and leads. Default ./Transcripts.", valueName: "dir"))
    var data: String?

    /// Why the configuration could not be read, in words for stderr or a log.
    struct LoadFailure: Error {
        var message: String
    }

    /// The configuration in force: file (or the demo), then environment, then flags.
    func load() throws -> NightDeskConfig {
        switch read() {
        case .success(let config): return config
        case .failure(let failure):
            printError(failure.message)
            throw ExitCode(2)
        }
    }

    /// Reads the file, environment and flags afresh: at start, and again on
    /// SIGHUP, where a failure is logged and the running config stays.
    func read() -> Result<NightDeskConfig, LoadFailure> {
        let env = ProcessInfo.processInfo.environment
        var loaded: NightDeskConfig
        if let path = config ?? env["NIGHTDESK_CONFIG"] {
            guard let data = FileManager.default.contents(atPath: path) else {
                return .failure(LoadFailure(message: "nightdesk: cannot read the config file \(path): no such file or not readable.\n  fix: check the path, or leave out --config to run the built-in demo site."))
            }
            guard let text = String(data: data, encoding: .utf8) else {
                return .failure(LoadFailure(message: "nightdesk: \(path) is not UTF-8 text."))
            }
            do {
                loaded = try NightDeskConfig.parse(text, source: path, readFile: { ScriptFile.read($0, besideConfig: path) })
            } catch {
                let count = error.problems.count
                return .failure(LoadFailure(message: "\(error)\nnightdesk: \(path) has \(count) mistake\(count == 1 ? "" : "s"); fix the lines above (`nightdesk check --config \(path)` re-checks)."))
            }
        } else {
            loaded = NightDeskConfig.demo
        }
        if let dir = env["NIGHTDESK_DATA"] { loaded.settings.dataDirectory = dir }
        if let host = env["NIGHTDESK_HOST"] { loaded.settings.host = host }
        if let port = env["NIGHTDESK_PORT"] {
            guard let n = Int(port), (0...65535).contains(n) else {
                return .failure(LoadFailure(message: "nightdesk: NIGHTDESK_PORT=\(port) is not a port number (0-65535)."))
            }
            loaded.settings.port = n
        }
        if let data { loaded.settings.dataDirectory = data }
        return .success(loaded)
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Reads a file a config names (a site's script), relative to the config's folder.
enum ScriptFile {
    static func read(_ path: String, besideConfig config: String) -> String? {
        let folder = (config as NSString).deletingLastPathComponent
        let resolved = path.hasPrefix("/") || folder.isEmpty ? path : folder + "/" + path
        guard let data = FileManager.default.contents(atPath: resolved) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
