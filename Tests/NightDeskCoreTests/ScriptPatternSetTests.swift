@testable import NightDeskCore
import XCTest

final class ScriptPatternSetTests: XCTestCase {
    /// The index must answer exactly as trying every pattern in turn would,
    /// for messages made of the patterns' own words, prefixes and noise.
    func testTheIndexAnswersAsTryingEveryPatternWould() {
        let lists: [[ScriptPattern]] = [EmergencyWords.defaultPatterns, VisitorSignals.soonPatterns.patterns,
                                        VisitorSignals.newPatterns.patterns, VisitorSignals.existingPatterns.patterns,
                                        VisitorSignals.refusalPatterns.patterns]
            + NightDeskConfig.demo.sites[0].script.answers.map(\.patterns.patterns)
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

    /// The word lists' keyed lookup must answer as the sets they are made
    /// from, for their own words, near misses and noise.
    func testWordListsAnswerAsTheirSets() {
        for set in [VisitorSignals.needWords, VisitorSignals.abusiveWords] {
            let list = WordList(set)
            let probes = set.flatMap { [$0, $0 + "s", String($0.dropLast()), $0.uppercased()] } + ["", "a", "the", "x", "1234"]
            for probe in probes {
                XCTAssertEqual(list.contains(probe, key: WordKey.of(probe)), set.contains(probe), probe)
            }
        }
    }

    /// The byte-level split must give the words, keys and stems the plain
    /// definitions give: lower-case letters and digits, apostrophes dropped,
    /// anything else a break, however long a word.
    func testASCIIWordsMatchTheirDefinition() {
        let alphabet = Array("aZ9'-. ,!bQx?\n\t\"").map(String.init) + [String(repeating: "w", count: 70)]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for _ in 0..<5_000 {
            var text = ""
            for _ in 0..<Int(state % 40) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text.append(alphabet[Int((state >> 33) % UInt64(alphabet.count))])
            }
            let expected = text.lowercased().filter { $0 != "'" }
                .split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }).map(String.init)
            let words = VisitorWords(text)
            XCTAssertEqual(words.words, expected, text.debugDescription)
            XCTAssertEqual(words.keys, expected.map(WordKey.of), text.debugDescription)
            XCTAssertEqual(words.stems, expected.map { WordStem.of($0) ?? 0 }, text.debugDescription)
        }
    }

    /// A prefix matches whole characters: in scripts whose marks survive
    /// folding, "नमस*" must not match "नमस्ते" (its third character is
    /// स with a virama), though its bytes begin the same way.
    func testAPrefixMatchesWholeCharactersBeyondASCII() throws {
        let pattern = try ScriptPattern.parse("नमस*").get()
        let set = ScriptPatternSet([pattern])
        for (text, expected) in [("नमस्ते", false), ("नमसकार जी", true), ("insurance", false)] {
            XCTAssertEqual(pattern.matches(VisitorWords(text)), expected, text)
            XCTAssertEqual(set.matches(VisitorWords(text)), expected, text)
        }
    }
}
