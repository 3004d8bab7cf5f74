/// Why a weekly hours text could not be read; the message names the
/// offending word and says what would be accepted instead.
public struct WeeklyHoursError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
