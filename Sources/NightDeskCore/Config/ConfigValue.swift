/// Where something is in the config text: 1-based line and column, the
/// column counting Unicode scalars.
struct ConfigPosition: Equatable {
    var line: Int
    var column: Int
}

/// A value as written, before it is checked against the key it belongs to.
enum ConfigValue: Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case strings([ConfigItem])
    /// The value had a syntax error, already reported; the key still counts
    /// as set so it is not also reported missing.
    case invalid

    /// How a message names this kind of value: "must be X, not <kind>".
    var kind: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a number with a fraction"
        case .boolean: "true or false"
        case .strings: "a list"
        case .invalid: "invalid"
        }
    }
}

/// One string of a list, with its own position for precise problems.
struct ConfigItem: Equatable {
    var text: String
    var position: ConfigPosition
}

/// `key = value` as read from one line (a list may continue over lines).
struct ConfigEntry {
    var key: String
    var position: ConfigPosition
    var value: ConfigValue
    var valuePosition: ConfigPosition
}

/// One statement of the file, in order.
enum ConfigStatement {
    /// `[name]`; the position is that of the name.
    case section(name: String, position: ConfigPosition)
    case assignment(ConfigEntry)
}

/// A syntax problem; reading resumes on the next line.
struct ConfigScanError: Error {
    var position: ConfigPosition
    var message: String

    init(_ position: ConfigPosition, _ message: String) {
        self.position = position
        self.message = message
    }
}
