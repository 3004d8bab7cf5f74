/// Everything wrong with a config file, in file order; never empty when thrown.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [ConfigProblem]

    public init(problems: [ConfigProblem]) {
        self.problems = problems
    }

    /// One problem per line, compiler style.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
