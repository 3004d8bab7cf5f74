@testable import NightDeskCore
import XCTest

final class ScriptPatternSetTests: XCTestCase {
    /// The index must answer exactly as trying every pattern in turn would,
    /// for messages made of the patterns' own words, prefixes and noise.
    func testTheIndexAnswersAsTryingEveryPatternWould() {
        let lists: [[ScriptPattern]] = [EmergencyWords.defaultPatterns, VisitorSignals.soonPatterns.patterns,
                                        VisitorSignals.newPatterns.patterns, VisitorSignals.existingPatterns.patterns,
                                        VisitorSignals.refusalPatterns.patterns]
        let vocabulary = Array(Set(lists.joined().flatMap { $0.text.split(separator: " ").map(String.init) }))
            .map { $0.replacingOccurrences(of: "*", with: "ous") } + ["hello", "my", "the", "tooth", "Poisoned", "URGENTLY", "x"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let sets = lists.map(ScriptPatternSet.init)
        var matched = 0
        for _ in 0..<20_000 {
            let text = (0..<(1 + next(8))).map { _ in vocabulary[next(vocabulary.count)] }.joined(separator: " ")
            let words = VisitorWords(text)
            for (list, set) in zip(lists, sets) {
                let expected = list.contains { $0.matches(words) }
                XCTAssertEqual(set.matches(words), expected, "\(text)")
                if expected { matched += 1 }
            }
        }
        XCTAssertGreaterThan(matched, 2_000, "the messages must match often enough for the test to mean anything")
    }
}
