@testable import NightDeskCore
import XCTest

/// A transcript packs what its tabs have seen: what comes back out must be
/// exactly what went in, and a `say` id must find its seq either way.
final class TranscriptTests: XCTestCase {
    private func message(_ seq: Int, _ from: Sender, _ name: String, _ text: String, at ms: Int64 = 1_795_438_800_000) -> Message {
        Message(seq: seq, from: from, name: name, text: text, at: Timestamp(milliseconds: ms + Int64(seq)))
    }

    func testPackedMessagesComeBackAsTheyWent() {
        let long = String(repeating: "ü", count: 3000)
        let originals = [
            message(1, .bot, "Demo Dental", "Hello! How can we help?"),
            message(2, .visitor, "Visitor", "", at: -5_000),
            message(3, .visitor, "María José", "Tengo dolor de muelas 🦷 \u{0}\"\\"),
            message(4, .agent, "Dana", long, at: Int64.max - 10),
            message(5, .system, "NightDesk", "Dana joined"),
        ] + (6...300).map { message($0, .visitor, "name \($0)", "text \($0)") }
        var transcript = Transcript()
        for (index, original) in originals.enumerated() {
            transcript.append(original, clientID: index % 2 == 0 ? "c-\(index)" : nil)
        }
        transcript.pack(upTo: 200)
        XCTAssertEqual(Array(transcript), originals)
        transcript.pack(upTo: 1000)
        XCTAssertEqual(Array(transcript), originals)
        XCTAssertEqual(transcript.count, 300)
        XCTAssertTrue(transcript.contains(from: .system))
    }

    func testASayIDFindsItsSeqPackedOrWhole() {
        var transcript = Transcript()
        let longID = String(repeating: "é", count: 64)
        for seq in 1...500 {
            let id: String? = seq % 3 == 0 ? nil : (seq == 250 ? longID : "c-\(String(repeating: "0", count: 32))\(seq)")
            transcript.append(message(seq, .visitor, "Visitor", "m\(seq)"), clientID: id)
            if seq == 300 { transcript.pack(upTo: 300) }
        }
        XCTAssertEqual(transcript.seq(ofClientID: "c-\(String(repeating: "0", count: 32))1"), 1, "packed")
        XCTAssertEqual(transcript.seq(ofClientID: "c-\(String(repeating: "0", count: 32))299"), 299, "packed")
        XCTAssertEqual(transcript.seq(ofClientID: "c-\(String(repeating: "0", count: 32))499"), 499, "whole")
        XCTAssertEqual(transcript.seq(ofClientID: longID), 250, "an id longer than one length byte")
        XCTAssertNil(transcript.seq(ofClientID: "c-\(String(repeating: "0", count: 32))3"), "seq 3 had no id")
        XCTAssertNil(transcript.seq(ofClientID: "c-never"))
        // Ids are opaque bytes: the same letter composed otherwise is another id.
        XCTAssertNil(transcript.seq(ofClientID: String(repeating: "e\u{301}", count: 64)))
    }

    func testTakingBackTheResponderMessageLeavesNoTrace() {
        var transcript = Transcript()
        transcript.append(message(1, .visitor, "Visitor", "first"), clientID: "c-1")
        transcript.pack(upTo: 1)
        transcript.append(message(2, .visitor, "Visitor", "tentative"), clientID: nil)
        transcript.removeLast()
        transcript.append(message(2, .visitor, "Visitor", "kept"), clientID: "c-2")
        XCTAssertEqual(transcript.map(\.text), ["first", "kept"])
        XCTAssertEqual(transcript.seq(ofClientID: "c-2"), 2)
        XCTAssertEqual(transcript.seq(ofClientID: "c-1"), 1)
    }

    func testACopyIsAValue() {
        var original = Transcript()
        original.append(message(1, .visitor, "Visitor", "one"), clientID: "c-1")
        original.pack(upTo: 1)
        var copy = original
        copy.append(message(2, .visitor, "Visitor", "two"), clientID: "c-2")
        copy.pack(upTo: 2)
        XCTAssertEqual(original.map(\.text), ["one"])
        XCTAssertNil(original.seq(ofClientID: "c-2"))
        XCTAssertEqual(copy.map(\.text), ["one", "two"])
        XCTAssertEqual(copy.seq(ofClientID: "c-2"), 2)
    }

    func testAVisitorIDThatSpellsAnAgentsKeyIsAnotherID() {
        var transcript = Transcript()
        transcript.append(message(1, .visitor, "Visitor", "mine"), clientID: "agent:dana:a-1")
        transcript.append(message(2, .agent, "Dana", "hers"), clientID: "agent:dana:a-1")
        transcript.pack(upTo: 1)
        XCTAssertEqual(transcript.seq(ofClientID: "agent:dana:a-1", from: .visitor), 1)
        XCTAssertEqual(transcript.seq(ofClientID: "agent:dana:a-1", from: .agent), 2)
        XCTAssertNil(transcript.seq(ofClientID: "agent:dana:a-1", from: .bot))
    }
}

private extension Transcript {
    func seq(ofClientID id: String) -> Int? { seq(ofClientID: id, from: .visitor) }
}
