import XCTest
import NightDeskCore

/// Garbage in gives problems out: never a crash, a hang or a huge message.
final class ConfigHostileInputTests: XCTestCase {
    /// SplitMix64, so failures reproduce.
    private struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private func assertRejected(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        do {
            _ = try NightDeskConfig.parse(text, source: "bad")
            XCTFail("accepted hostile input", file: file, line: line)
        } catch {
            XCTAssertFalse(error.problems.isEmpty, file: file, line: line)
            for problem in error.problems {
                XCTAssertLessThan(problem.message.count, 400, file: file, line: line)
                XCTAssertFalse(
                    problem.message.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F },
                    "control character in \(problem)", file: file, line: line
                )
                XCTAssertGreaterThan(problem.line, 0, file: file, line: line)
            }
        }
    }

    func testBinaryGarbage() {
        var random = Random(state: 42)
        for _ in 0..<50 {
            let bytes = (0..<4096).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            assertRejected(String(decoding: bytes, as: UTF8.self))
        }
    }

    func testGarbageMadeOfConfigCharacters() {
        var random = Random(state: 7)
        let alphabet = Array("[]=\"\\#,.\n\r\t ab_-01'u{}")
        for _ in 0..<300 {
            let count = Int(random.next() % 200)
            let text = String((0..<count).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            assertRejected(text)
        }
    }

    func testTruncatedInput() {
        for text in [
            "[", "[[", "[sites.", "a", "a =", "a = \"", "a = \"\\", "a = \"\\u12", "a = [", "a = [\"x\"", "a = [\"x\",",
            "\"", "\u{0}", "\r", "\r\r\n", "[server]\nport = -", "[server]\nport = +", "[server]\nport = .",
            "[server]\nport = 1e", "[sites.a]\nclosed = [\n", String(repeating: "[", count: 10_000),
        ] {
            assertRejected(text)
        }
    }

    func testAOneMegabyteLine() {
        let huge = String(repeating: "a", count: 1 << 20)
        assertRejected("[server]\nhost = \"\(huge)")
        assertRejected("[server]\n\(huge) = 1")
        assertRejected("[server]\nhost = \(huge)")
        assertRejected("[sites.\(huge)]")
        assertRejected("[server]\nmax_frame_bytes = \(String(repeating: "9", count: 1 << 20))")
        assertRejected("[sites.a]\ntimezone = \"\(huge)\"\nhours = \"\(huge)\"\norigins = [\"\(huge)\"]")
        // A long but valid value is fine.
        XCTAssertNoThrow(try NightDeskConfig.parse(ConfigFixture.minimalSite + "\ntagline = \"\(huge)\"", source: "big"))
    }

    func testManyBadLinesAreAllReported() throws {
        let text = String(repeating: "x\n", count: 20_000)
        do {
            _ = try NightDeskConfig.parse(text, source: "bad")
            XCTFail("accepted")
        } catch {
            // 20,000 lines without '=' plus "no site".
            XCTAssertEqual(error.problems.count, 20_001)
            XCTAssertEqual(error.problems.last?.line, 20_000)
        }
    }

    func testTerminalControlInNamesIsEscaped() {
        let problems = ConfigFixture.problems("[server]\nhost = \"x\"\nbogus\u{1B}[2J = 1\n" + ConfigFixture.minimalSite)
        XCTAssertEqual(problems, ["t.toml:3:6: unexpected '\\u{1B}'; expected '=' after 'bogus'"])
        let bidi = ConfigFixture.problems("[sites.a]\nname = \"A\"\nphone = \"1\"\ntimezone = \"Evil/\u{202E}zone\"")
        XCTAssertEqual(bidi, ["t.toml:4:12: unknown time zone 'Evil/\\u{202E}zone'; use an IANA name such as \"America/New_York\" or \"Europe/Berlin\""])
    }
}
