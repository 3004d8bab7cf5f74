@testable import nightdesk_agent
import XCTest

final class LineEditorTests: XCTestCase {
    func testTypingAndEnter() {
        var editor = LineEditor()
        XCTAssertEqual(editor.feed(Array("hi".utf8)), [.edited, .edited])
        XCTAssertEqual(editor.feed([0x0D]), [.submit("hi")])
        XCTAssertEqual(editor.buffer, "")
    }

    func testUTF8SplitAcrossReads() {
        var editor = LineEditor()
        let bytes = Array("café 😀".utf8)
        _ = editor.feed(Array(bytes[..<4]))
        _ = editor.feed(Array(bytes[4..<7]))
        _ = editor.feed(Array(bytes[7...]))
        XCTAssertEqual(editor.buffer, "café 😀")
        _ = editor.feed([0x7F])
        XCTAssertEqual(editor.buffer, "café ", "backspace removes a whole character")
    }

    func testEscapeSequencesNeverReachTheLine() {
        var editor = LineEditor()
        _ = editor.feed(Array("a\u{1B}[A\u{1B}[1;5Cb\u{1B}OPc".utf8))
        XCTAssertEqual(editor.buffer, "abc")
    }

    func testControlKeys() {
        var editor = LineEditor()
        _ = editor.feed(Array("hello big world  ".utf8))
        _ = editor.feed([0x17])
        XCTAssertEqual(editor.buffer, "hello big ")
        _ = editor.feed([0x15])
        XCTAssertEqual(editor.buffer, "")
        XCTAssertEqual(editor.feed([0x04]), [.endOfInput])
        _ = editor.feed(Array("x".utf8))
        XCTAssertEqual(editor.feed([0x03]), [.interrupt(hadText: true)])
        XCTAssertEqual(editor.feed([0x03]), [.interrupt(hadText: false)])
        XCTAssertEqual(editor.feed([0x01, 0x07]), [.refused, .refused])
    }

    func testTheLineStopsAtTheProtocolLimit() {
        var editor = LineEditor()
        _ = editor.feed([UInt8](repeating: UInt8(ascii: "a"), count: LineEditor.maxCharacters))
        XCTAssertEqual(editor.feed(Array("b".utf8)), [.refused])
        XCTAssertEqual(editor.buffer.count, LineEditor.maxCharacters)
    }

    func testLineSplitterForPipes() {
        var splitter = LineSplitter()
        XCTAssertEqual(splitter.feed(Array("/available\r\nhel".utf8)), ["/available"])
        XCTAssertEqual(splitter.feed(Array("lo\n".utf8)), ["hello"])
        XCTAssertEqual(splitter.feed(Array("tail".utf8)), [])
        XCTAssertEqual(splitter.flush(), "tail")
        XCTAssertNil(splitter.flush())
    }
}
