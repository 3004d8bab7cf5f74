import XCTest
import NightDeskCore
@testable import NightDeskServer

final class ConfigReloadTests: XCTestCase {
    func testRestartOnlySettingsAreNamedAndKept() {
        var running = NightDeskConfig.demo
        running.settings.port = 8080
        var edited = running
        edited.settings.port = 9090
        edited.settings.maxFrameBytes = 1024
        edited.settings.maxConnectionsPerAddress = 3
        edited.sites[0].name = "Renamed Dental"

        XCTAssertEqual(ConfigReload.needsRestart(from: running.settings, to: edited.settings), ["port", "max_frame_bytes"])
        let applied = ConfigReload.applicable(edited, keeping: running)
        XCTAssertEqual(applied.settings.port, 8080)
        XCTAssertEqual(applied.settings.maxFrameBytes, running.settings.maxFrameBytes)
        XCTAssertEqual(applied.settings.maxConnectionsPerAddress, 3, "a live limit takes the new value")
        XCTAssertEqual(applied.sites[0].name, "Renamed Dental")
    }

    func testAnUnchangedConfigNeedsNoRestart() {
        XCTAssertEqual(ConfigReload.needsRestart(from: NightDeskConfig.demo.settings, to: NightDeskConfig.demo.settings), [])
    }
}
