import Foundation
import NightDeskCore
import XCTest

/// Runs the fuzzers' checked-in inputs (Fuzz/corpus/<target>/: the seeds,
/// and any crash input saved there) through the same parsers in the plain
/// unit-test build, so CI replays them without libFuzzer. Each must come
/// back as a value or a typed error; a trap fails the whole run.
final class FuzzCorpusReplayTests: XCTestCase {
    private func inputs(_ target: String) throws -> [(String, Data)] {
        let corpus = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/corpus/\(target)")
        let names = try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted()
        XCTAssertFalse(names.isEmpty, "no inputs in \(corpus.path)")
        return try names.map { ($0, try Data(contentsOf: corpus.appendingPathComponent($0))) }
    }

    func testJSONInputs() throws {
        var parsed = 0
        for (_, data) in try inputs("json") where (try? JSONParser.parse(bytes: Array(data))) != nil { parsed += 1 }
        XCTAssertGreaterThan(parsed, 0, "the seeds hold real frames and journal records")
    }

    func testFrameInputs() throws {
        var frames = 0
        for (_, data) in try inputs("frame") {
            let text = String(decoding: data, as: UTF8.self)
            for line in text.split(separator: "\n") {
                let frame = line.hasPrefix("2\t") || line.hasPrefix("3\t") ? String(line.dropFirst(2)) : String(line)
                if (try? ClientFrame.parse(frame)) != nil { frames += 1 }
            }
        }
        XCTAssertGreaterThan(frames, 10, "the seeds hold the protocol's frames")
    }

    func testConfigInputs() throws {
        var configs = 0
        for (name, data) in try inputs("config") {
            do {
                _ = try NightDeskConfig.parse(String(decoding: data, as: UTF8.self), source: name)
                configs += 1
            } catch {
                XCTAssertFalse(error.description.isEmpty)
            }
        }
        XCTAssertGreaterThan(configs, 0, "the demo config is among the seeds and parses")
    }

    func testScriptInputs() throws {
        var scripts = 0
        for (name, data) in try inputs("script") {
            do {
                _ = try SiteScript.parse(String(decoding: data, as: UTF8.self), source: name)
                scripts += 1
            } catch {
                XCTAssertFalse(error.description.isEmpty)
            }
        }
        XCTAssertGreaterThan(scripts, 0, "the demo script is among the seeds and parses")
    }
}
