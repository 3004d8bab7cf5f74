import ArgumentParser
import Foundation

// The token is a secret: as an argument it would show in `ps` and in shell
// history, so the flag that would take it is refused with the way to do it.
let arguments = Array(CommandLine.arguments.dropFirst())
if AgentToken.isOnCommandLine(arguments) {
    OutputFile.err.write("""
    nightdesk-agent: the token is never given as an argument (it would show in ps and in your shell history).
    Put it in a file only you can read and pass --token-file FILE, or set NIGHTDESK_AGENT_TOKEN.

    """)
    exit(2)
}

let command: AgentCommand
do {
    command = try AgentCommand.parse(arguments)
} catch {
    // --help is an "error" that succeeds: to stdout, exit 0. Anything else
    // is a usage problem: exit 2 (not ArgumentParser's 64) as documented.
    if AgentCommand.exitCode(for: error) == .success {
        OutputFile.out.write(AgentCommand.fullMessage(for: error) + "\n")
        exit(0)
    }
    OutputFile.err.write("""
    nightdesk-agent: \(AgentCommand.message(for: error))
    usage: \(AgentCommand.configuration.usage ?? "nightdesk-agent --server URL")
    (nightdesk-agent --help teaches the commands)

    """)
    exit(2)
}
exit(AgentApp.run(command))
