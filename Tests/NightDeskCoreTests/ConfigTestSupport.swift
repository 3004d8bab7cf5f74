import XCTest
import NightDeskCore

/// Shared helpers for the config tests.
enum ConfigFixture {
    /// A site with just the required keys, to append where a test needs one.
    static let minimalSite = """
        [sites.a]
        name = "A"
        phone = "1"
        timezone = "UTC"
        """

    /// The problems reading `text` reports, as printed; [] if it parsed.
    static func problems(_ text: String) -> [String] {
        do {
            _ = try NightDeskConfig.parse(text, source: "t.toml")
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    static func config(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> NightDeskConfig? {
        do {
            return try NightDeskConfig.parse(text, source: "t.toml")
        } catch {
            XCTFail("unexpected problems:\n\(error)", file: file, line: line)
            return nil
        }
    }
}
