/// A line the auto-responder says, with `{placeholders}` filled from the
/// site and the lead. Text in `[...]` is left out when a placeholder inside
/// it has no value, so "Thanks[, {name}]!" reads "Thanks!" before the visitor
/// gives a name, never "Thanks, !".
public struct ScriptTemplate: Sendable, Equatable {
    enum Piece: Sendable, Equatable {
        case text(String)
        case value(String)
        case optional([Piece])
    }

    public static let placeholders = [
        "practice", "phone", "emergency_phone", "name", "office_status", "opening", "when", "callback", "best_time",
    ]

    public let text: String
    let pieces: [Piece]

    public static func parse(_ text: String) -> Result<ScriptTemplate, ScriptPatternProblem> {
        var top: [Piece] = []
        var inner: [Piece]?
        var literal = ""
        var index = text.startIndex
        func flush() {
            guard !literal.isEmpty else { return }
            if inner != nil { inner?.append(.text(literal)) } else { top.append(.text(literal)) }
            literal = ""
        }
        while index < text.endIndex {
            let c = text[index]
            switch c {
            case "{":
                guard let close = text[index...].firstIndex(of: "}") else {
                    return .failure(.init("'{' is never closed; placeholders look like {practice}"))
                }
                let name = String(text[text.index(after: index)..<close])
                guard placeholders.contains(name) else {
                    var message = "unknown placeholder {\(name)}"
                    if let match = ClosestMatch.find(name, among: placeholders) { message += "; did you mean {\(match)}?" }
                    return .failure(.init(message + " Placeholders: " + placeholders.map { "{\($0)}" }.joined(separator: " ")))
                }
                flush()
                if inner != nil { inner?.append(.value(name)) } else { top.append(.value(name)) }
                index = text.index(after: close)
                continue
            case "}":
                return .failure(.init("'}' without a '{' before it"))
            case "[":
                guard inner == nil else { return .failure(.init("'[' inside '[...]'; optional parts cannot nest")) }
                flush()
                inner = []
            case "]":
                guard inner != nil else { return .failure(.init("']' without a '[' before it")) }
                flush()
                top.append(.optional(inner ?? []))
                inner = nil
            default:
                literal.append(c)
            }
            index = text.index(after: index)
        }
        if inner != nil { return .failure(.init("'[' is never closed with ']'")) }
        flush()
        return .success(ScriptTemplate(text: text, pieces: top))
    }

    /// The line with every placeholder filled; values missing from `values`
    /// or empty drop their optional part (or read as nothing outside one).
    public func render(_ values: [String: String]) -> String { render { values[$0] } }

    func render(_ values: ScriptValues) -> String { render { values[$0] } }

    private func render(_ value: (String) -> String?) -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .text(let text): out += text
            case .value(let name): out += value(name) ?? ""
            case .optional(let parts):
                var part = ""
                var complete = true
                for inner in parts {
                    switch inner {
                    case .text(let text): part += text
                    case .value(let name):
                        if let given = value(name), !given.isEmpty { part += given } else { complete = false }
                    case .optional: complete = false
                    }
                }
                if complete { out += part }
            }
        }
        return out
    }

    /// Builds a template from program text; used for built-in lines that a
    /// test parses, so a failure here is a bug in this program.
    static func builtIn(_ text: String) -> ScriptTemplate {
        switch parse(text) {
        case .success(let template): return template
        case .failure(let problem): preconditionFailure("built-in template \(text): \(problem.message)")
        }
    }
}
