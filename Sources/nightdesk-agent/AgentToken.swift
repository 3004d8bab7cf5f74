import Foundation

/// The agent's secret, from `--token-file` or `NIGHTDESK_AGENT_TOKEN`.
enum AgentToken {
    static let environmentVariable = "NIGHTDESK_AGENT_TOKEN"

    struct Problem: Error, Equatable {
        var message: String
    }

    /// The token, and a warning to show when the file is readable by others.
    static func resolve(file: String?, environment: [String: String]) -> Result<(token: String, warning: String?), Problem> {
        let raw: String
        var warning: String?
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                return .failure(Problem(message: "cannot read the token file \(file)"))
            }
            guard data.count <= 4096 else {
                return .failure(Problem(message: "\(file) is too large to be a token file"))
            }
            raw = String(decoding: data, as: UTF8.self)
            if let attributes = try? FileManager.default.attributesOfItem(atPath: file),
               let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
                warning = "warning: \(file) can be read by other users; chmod 600 it"
            }
        } else if let value = environment[environmentVariable] {
            raw = value
        } else {
            return .failure(Problem(message: "no agent token: pass --token-file FILE or set \(environmentVariable) (the token `nightdesk agents add` printed)"))
        }
        let token = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            return .failure(Problem(message: file.map { "the token file \($0) is empty" } ?? "\(environmentVariable) is empty"))
        }
        guard token.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            return .failure(Problem(message: "the token has spaces, line breaks or other characters a token never has: is it the right file?"))
        }
        return .success((token, warning))
    }

    /// Whether the arguments try to pass the token itself.
    static func isOnCommandLine(_ arguments: [String]) -> Bool {
        arguments.contains { $0 == "--token" || $0.hasPrefix("--token=") }
    }
}
