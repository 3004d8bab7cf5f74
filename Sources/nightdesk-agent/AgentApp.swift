import Foundation
import NightDeskTransport

/// Sets everything up from the parsed command line, runs until the client
/// stops, puts the terminal back, and says how the process should exit.
enum AgentApp {
    static func run(_ command: AgentCommand) -> Int32 {
        signal(SIGPIPE, SIG_IGN) // a closed pipe is an error to handle, not death
        let resolved: (token: String, warning: String?)
        switch AgentToken.resolve(file: command.tokenFile, environment: ProcessInfo.processInfo.environment) {
        case .success(let value): resolved = value
        case .failure(let problem): return fail(problem.message, code: 2)
        }
        if let warning = resolved.warning { OutputFile.err.write("nightdesk-agent: \(warning)\n") }

        var options: WebSocketClientOptions
        do {
            options = try WebSocketClientOptions(url: command.server, caFile: command.caFile)
        } catch {
            return fail(error.description, code: 2)
        }
        if let caFile = command.caFile {
            guard FileManager.default.isReadableFile(atPath: caFile) else { return fail("cannot read the CA file \(caFile)", code: 2) }
            if !options.useTLS { OutputFile.err.write("nightdesk-agent: --ca-file is used only with wss://\n") }
        }

        let relay = ControllerRelay()
        if command.debug {
            options.libraryLog = { line in relay.post { $0.notice("lws: \(line)") } }
        }
        let terminal = isatty(STDOUT_FILENO) != 0 ? TerminalMode.enterRaw() : nil
        let interactive = terminal != nil
        let exitStatus = ExitStatus()
        let token = resolved.token
        let client = WebSocketClient(options: options)
        do {
            try client.start { client in
                let controller = AgentController(client: client, screen: Screen(interactive: interactive),
                                                 token: token, exitStatus: exitStatus)
                relay.attach(client, controller)
                return controller
            }
        } catch {
            terminal?.restore()
            return fail(error.description, code: 1)
        }
        let signals = SignalWatcher.install(relay: relay, terminal: terminal)
        relay.post { $0.start() }
        InputReader.start(relay: relay, interactive: interactive)
        client.waitUntilStopped()
        terminal?.restore()
        withExtendedLifetime(signals) {}
        return exitStatus.value
    }

    static func fail(_ message: String, code: Int32) -> Int32 {
        OutputFile.err.write("nightdesk-agent: \(message)\n")
        return code
    }
}
