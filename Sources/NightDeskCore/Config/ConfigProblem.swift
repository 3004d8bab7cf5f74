/// One thing wrong in a config file, located the way compilers do it so
/// editors and terminals can jump to it.
public struct ConfigProblem: Sendable, Equatable, CustomStringConvertible {
    /// The file name (or "<demo>", "<stdin>") shown in front of the position.
    public var source: String
    public var line: Int
    /// 1-based, counting Unicode scalars; nil when the problem is about the
    /// file or a section as a whole.
    public var column: Int?
    public var message: String

    public init(source: String, line: Int, column: Int?, message: String) {
        self.source = source
        self.line = line
        self.column = column
        self.message = message
    }

    /// `SOURCE:LINE:COLUMN: message`, or `SOURCE:LINE: message` without a column.
    public var description: String {
        if let column { return "\(source):\(line):\(column): \(message)" }
        return "\(source):\(line): \(message)"
    }
}
