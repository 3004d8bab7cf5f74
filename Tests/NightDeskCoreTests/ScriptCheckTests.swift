@testable import NightDeskCore
import XCTest

/// `nightdesk check` on scripts: each mistake reported with its place.
final class ScriptCheckTests: XCTestCase {
    private func problems(_ text: String) -> [String] {
        do {
            _ = try SiteScript.parse(text, source: "s.toml")
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    /// A `[steps.<id>]` section.
    private func step(_ id: String, _ field: String, next: String, extra: String = "") -> String {
        "[steps.\(id)]\nfield = \"\(field)\"\nask = \"\(id)?\"\n\(extra)next = \"\(next)\"\n\n"
    }

    private let head = """
        [script]
        start = "name"
        greeting = "Hi from {practice}."
        closing = "Thanks[, {name}]!"

        """

    func testTheDemoScriptIsClean() throws {
        XCTAssertEqual(problems(SiteScript.demoText), [])
        let script = try SiteScript.parse(SiteScript.demoText, source: "demo")
        XCTAssertEqual(script, SiteScript.demo)
        XCTAssertGreaterThanOrEqual(script.answers.count, 5)
    }

    func testUnknownStepIsReportedWhereItIsNamed() {
        let found = problems(head + step("name", "name", next: "phnoe") + step("phone", "phone", next: "done"))
        XCTAssertTrue(found.contains { $0.hasPrefix("s.toml:8:8: 'next' names an unknown step 'phnoe'; did you mean 'phone'?") }, "\(found)")
    }

    func testUnreachableStep() {
        let found = problems(head + step("name", "name", next: "done") + step("orphan", "email", next: "done"))
        XCTAssertEqual(found, ["s.toml:10:2: step 'orphan' is never reached: no 'start', 'next', 'if_...' or 'emergency_next' leads to it"])
    }

    func testLoopWithoutExit() {
        let found = problems(head + step("name", "name", next: "need") + step("need", "need", next: "name"))
        XCTAssertEqual(found.count, 1, "\(found)")
        XCTAssertTrue(found[0].hasPrefix("s.toml:5:2: step 'name' never reaches \"done\": name → need → name loops"), "\(found)")
    }

    func testALoopWithAnExitIsFine() {
        XCTAssertEqual(problems(head + step("name", "name", next: "need")
                                + step("need", "need", next: "name", extra: "if_declined = \"done\"\n")), [])
    }

    func testBadPatternsPlaceholdersSignalsAndFields() {
        let found = problems(head + """
            [steps.name]
            field = "nmae"
            ask = "Hello {nme}"
            next = "done"

            [answers.parking]
            match = ["", "* parking", "in*surance", "ab*", "how much *"]
            answer = "Free parking [behind {practice}."

            [scoring]
            hot = ["has phnoe + urgent"]
            """)
        let expected = [
            "s.toml:2:9: 'start' names an unknown step 'name'",
            "s.toml:6:9: unknown field 'nmae'; did you mean 'name'?",
            "s.toml:7:7: 'ask': unknown placeholder {nme}; did you mean {name}?",
            "s.toml:11:10: bad pattern '': an empty pattern matches nothing",
            "s.toml:11:14: bad pattern '* parking': '*' must stand between words",
            "s.toml:11:27: bad pattern 'in*surance': '*' can only end a word",
            "s.toml:11:41: bad pattern 'ab*': a word ending in '*' needs at least 3 letters",
            "s.toml:11:48: bad pattern 'how much *': '*' cannot end a pattern",
            "s.toml:12:10: 'answer': '[' is never closed with ']'",
            "s.toml:15:8: unknown signal 'has phnoe' in scoring rule; did you mean 'has phone'?",
        ]
        XCTAssertEqual(found.count, expected.count, "\(found)")
        for (got, want) in zip(found, expected) {
            XCTAssertTrue(got.hasPrefix(want), "got \(got)\nwant \(want)")
        }
    }

    func testMissingPartsAndUnknownSections() {
        let found = problems("""
            [scrpit]
            start = "x"

            [steps.a]
            ask = "?"
            """)
        XCTAssertTrue(found.contains { $0.hasPrefix("s.toml:1:2: unknown section [scrpit]; did you mean [script]?") }, "\(found)")
        XCTAssertTrue(found.contains { $0.hasPrefix("s.toml:4:2: [steps.a] is missing 'field'") }, "\(found)")
        XCTAssertTrue(found.contains { $0.contains("missing [script] section") }, "\(found)")
    }

    func testBranchesOnlyOnPatientSteps() {
        let found = problems(head + step("name", "name", next: "done", extra: "if_new = \"done\"\n"))
        XCTAssertEqual(found, ["s.toml:8:1: 'if_new' only applies to a step with field = \"patient\"; this step asks for name"])
    }

    func testAConfigNamingAScriptReportsTheScriptsProblemsUnderItsName() {
        let config = ConfigFixture.minimalSite + "\nscript = \"night.toml\"\n"
        do {
            _ = try NightDeskConfig.parse(config, source: "c.toml", readFile: { $0 == "night.toml" ? "[script]\nstart = \"x\"\n" : nil })
            XCTFail("a broken script must fail the config")
        } catch {
            let found = error.problems.map(\.description)
            XCTAssertTrue(found.contains { $0.hasPrefix("night.toml:1:2: [script] is missing 'greeting'") }, "\(found)")
        }
        do {
            _ = try NightDeskConfig.parse(config, source: "c.toml")
            XCTFail("a missing script must fail the config")
        } catch {
            XCTAssertTrue(error.problems.contains { $0.message.hasPrefix("cannot read the script file 'night.toml'") }, "\(error)")
        }
    }

    func testPatternsMatchWordsNotSubstrings() throws {
        let pattern = try ScriptPattern.parse("how much * cost").get()
        XCTAssertTrue(pattern.matches(VisitorWords("How much would a crown cost?")))
        XCTAssertFalse(pattern.matches(VisitorWords("how much do you think it might really cost")))
        let prefix = try ScriptPattern.parse("insur*").get()
        XCTAssertTrue(prefix.matches(VisitorWords("Is my INSURANCE ok")))
        XCTAssertFalse(try ScriptPattern.parse("park").get().matches(VisitorWords("Parkinson's clinic")))
        XCTAssertTrue(try ScriptPattern.parse("espanol").get().matches(VisitorWords("¿Hablan Español?")))
        XCTAssertTrue(try ScriptPattern.parse("cant breathe").get().matches(VisitorWords("I CAN’T BREATHE")))
    }

    func testTemplatesDropOptionalPartsWithoutValues() throws {
        let template = try ScriptTemplate.parse("Thanks[, {name}]! Call {phone}.").get()
        XCTAssertEqual(template.render(["phone": "555"]), "Thanks! Call 555.")
        XCTAssertEqual(template.render(["phone": "555", "name": "Ava"]), "Thanks, Ava! Call 555.")
    }
}
