import NightDeskCore
import XCTest

final class JSONParserTests: XCTestCase {
    func testParsesTheProtocolsShapes() throws {
        let v = try JSONParser.parse(#"{"type":"say","id":"c-1","text":"caf\u00e9 \ud83d\ude00","n":-1.5e2,"ok":true,"x":null,"a":[1,2]}"#)
        XCTAssertEqual(v["text"], .string("café 😀"))
        XCTAssertEqual(v["n"], .number(-150))
        XCTAssertEqual(v["ok"], .bool(true))
        XCTAssertEqual(v["x"], .null)
        XCTAssertEqual(v["a"]?.arrayValue?.count, 2)
    }

    func testRejectsWhatIsNotJSON() {
        for bad in ["", "{", #"{"a":}"#, #"{"a":1,}"#, "[1 2]", "tru", #""\x""#, "{\"a\":\"\u{01}\"}", "01x", "{} {}", "1e999"] {
            XCTAssertThrowsError(try JSONParser.parse(bad), bad)
        }
    }

    func testDeepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000)
        XCTAssertThrowsError(try JSONParser.parse(deep))
    }

    /// Plain runs and escapes in every position: a string is its bytes
    /// in one piece until its first escape, then built up.
    func testStringsWithEscapesAnywhere() throws {
        let cases: [(String, String)] = [
            (#""""#, ""), (#""abc""#, "abc"), (#""\n""#, "\n"), (#""a\nb\tc""#, "a\nb\tc"),
            (#""\"\"x""#, "\"\"x"), (#""x\\""#, "x\\"), (#""\u0041bc\u00e9""#, "Abcé"), (#""é\/\r""#, "é/\r"),
        ]
        for (json, text) in cases {
            XCTAssertEqual(try JSONParser.parse(json), .string(text), json)
        }
        let many = "\"" + String(repeating: #"a\n"#, count: 50_000) + "\""
        XCTAssertEqual(try JSONParser.parse(many).stringValue?.utf8.count, 100_000)
    }

    func testLoneSurrogatesBecomeReplacementCharacters() throws {
        XCTAssertEqual(try JSONParser.parse(#""\ud800x""#), .string("\u{FFFD}x"))
    }

    func testWriterRoundTripsHostileText() throws {
        let hostile = "<script>alert(1)</script>\"\\\n\u{0}\u{1b}[31m\u{2028}"
        var w = JSONWriter()
        w.field("text", hostile)
        XCTAssertEqual(try JSONParser.parse(w.finished)["text"], .string(hostile))
    }

    func testWriterEscapesExactlyWhatJSONAndScriptsNeed() {
        var w = JSONWriter()
        w.field("t", "a\"b\\c\nd\re\tf\u{1}g\u{2028}h\u{2029}i\u{2030}é😀")
        w.field("n", -9_223_372_036_854_775_807 - 1)
        w.field("z", 0)
        w.field("b", false)
        w.fieldNull("x")
        w.field("m", stringMap: ["k\"2": "v", "a": "1"])
        w.field("s", strings: ["x", "y\"z"])
        XCTAssertEqual(w.finished, #"{"t":"a\"b\\c\nd\re\tf\u0001g\u2028h\u2029i\#u{2030}é😀","n":-9223372036854775808,"z":0,"b":false,"x":null,"m":{"a":"1","k\"2":"v"},"s":["x","y\"z"]}"#)
        XCTAssertEqual(JSONWriter().finished, "{}")
    }

    func testAMessagesTwoFramesAreItsJSONWithAndWithoutTheSession() {
        let message = Message(seq: 12, from: .agent, name: "Dr \"Lee\"", text: "line\nbreak \u{2028} 😀",
                              at: Timestamp(milliseconds: 1_795_389_245_123))
        let both = message.frames(session: "s-\"x")
        XCTAssertEqual(both.visitor, message.json(type: true))
        XCTAssertEqual(both.agent, message.json(session: "s-\"x", type: true))
        XCTAssertNil(message.frames(session: nil).agent)
        XCTAssertEqual(message.frames(session: nil).visitor, message.json(type: true))
    }

    func testAFramesFieldsReadAsTheParsedObjectWould() throws {
        let text = #" {"type":"say","id":"a","text":"hi","id":"b","n":{"x":[1,null]}} "#
        let fields = try XCTUnwrap(try JSONParser.parseFields(text))
        XCTAssertEqual(fields.pairs.map(\.key), ["type", "id", "text", "id", "n"])
        XCTAssertEqual(Dictionary(fields.pairs, uniquingKeysWith: { _, last in last }), try JSONParser.parse(text).objectValue)
        XCTAssertEqual(fields["id"], .string("b"))
        XCTAssertEqual(fields["n"]?["x"], .array([.number(1), .null]))
        XCTAssertNil(fields["missing"])
        XCTAssertNil(try JSONParser.parseFields(" [1] "))
        XCTAssertEqual(try JSONParser.parseFields("{}")?.pairs.count, 0)
        // What is not JSON fails as the whole parser fails it, at the same byte.
        for bad in ["", #"{"a":1"#, #"{"a":1} x"#, "[1] x", #"{"a":}"#, #"{"a" 1}"#, "{,}", #"{"a":1,}"#] {
            let expected = Result { () throws(JSONParseError) in try JSONParser.parse(bad) }.failure
            let got = Result { () throws(JSONParseError) in try JSONParser.parseFields(bad) }.failure
            XCTAssertNotNil(got, bad)
            XCTAssertEqual(got, expected, bad)
        }
    }

    func testFieldsCopiedFromAnotherObjectGetExactlyTheCommasTheyNeed() {
        var source = JSONWriter()
        let fromStart = source.fieldMark
        source.field("a", 1)
        let afterA = source.fieldMark
        source.field("b", "x")
        var empty = JSONWriter()
        empty.appendFields(of: source, since: afterA)
        XCTAssertEqual(empty.finished, #"{"b":"x"}"#)
        var whole = JSONWriter()
        whole.appendFields(of: source, since: fromStart)
        XCTAssertEqual(whole.finished, #"{"a":1,"b":"x"}"#)
        var started = JSONWriter()
        started.field("s", true)
        started.appendFields(of: source, since: fromStart)
        XCTAssertEqual(started.finished, #"{"s":true,"a":1,"b":"x"}"#)
        started.appendFields(of: source, since: source.fieldMark)
        started.field("z", 0)
        XCTAssertEqual(started.finished, #"{"s":true,"a":1,"b":"x","z":0}"#)
        XCTAssertEqual(String(decoding: source.finishedBytes(), as: UTF8.self), #"{"a":1,"b":"x"}"#)
    }

    func testTimestampsAreRFC3339WithMilliseconds() {
        XCTAssertEqual(Timestamp(milliseconds: -1).rfc3339, "1969-12-31T23:59:59.999Z")
        XCTAssertEqual(Timestamp(milliseconds: 253_402_300_799_999).rfc3339, "9999-12-31T23:59:59.999Z")
        XCTAssertEqual(Timestamp(milliseconds: 1_795_389_245_123).rfc3339, "2026-11-22T23:14:05.123Z")
        XCTAssertEqual(Timestamp(milliseconds: 0).rfc3339, "1970-01-01T00:00:00.000Z")
        XCTAssertEqual(Timestamp(rfc3339: "2026-11-22T23:14:05.123Z")?.milliseconds, 1_795_389_245_123)
    }
}

private extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
