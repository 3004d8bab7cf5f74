@testable import nightdesk_agent
import NightDeskCore
import XCTest

final class DisplayTests: XCTestCase {
    private func chat(active: Bool = true) -> Chat {
        var summary = SessionSummary(session: "s1", site: "demo")
        summary.siteName = "Demo Dental"
        summary.visitorName = "Ava"
        return Chat(number: 2, summary: summary)
    }

    func testVisitorEscapesArriveAsHarmlessText() {
        let message = ChatMessage(seq: 3, from: "visitor", name: "Ava\u{1B}[31m", text: "look \u{1B}]0;pwned\u{07} here \u{1B}[2J done\u{9B}2J")
        let lines = MessageFormatter.lines(message, chat: chat(), active: true, me: "Amy", now: Timestamp(milliseconds: 0))
        let text = lines.map(\.text).joined(separator: "\n")
        XCTAssertFalse(text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, text)
        XCTAssertFalse(text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) }, text)
        XCTAssertTrue(text.hasSuffix("Ava[31m (visitor): look ]0;pwned here [2J done2J"), text)
    }

    func testWhoAndWhere() {
        let now = Timestamp(milliseconds: 0)
        let bot = ChatMessage(seq: 1, from: "bot", text: "Hi")
        XCTAssertTrue(MessageFormatter.lines(bot, chat: chat(), active: true, me: "Amy", now: now)[0].text.hasSuffix("] Demo Dental (bot): Hi"))
        let other = MessageFormatter.lines(bot, chat: chat(), active: false, me: "Amy", now: now)[0].text
        XCTAssertTrue(other.contains("[#2 Demo Dental] Demo Dental (bot): Hi"), other)
        let mine = ChatMessage(seq: 2, from: "agent", name: "Amy", text: "Hello")
        XCTAssertTrue(MessageFormatter.lines(mine, chat: chat(), active: true, me: "Amy", now: now)[0].text.hasSuffix("Amy (you): Hello"))
        let multi = MessageFormatter.lines(ChatMessage(seq: 3, from: "visitor", text: "a\r\nb\tc"), chat: chat(), active: true, me: nil, now: now)
        XCTAssertEqual(multi.map(\.text).last, "        b    c")
    }

    func testWidthsAndWrapping() {
        XCTAssertEqual(DisplayWidth.of("abc"), 3)
        XCTAssertEqual(DisplayWidth.of("日本"), 4)
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1)
        XCTAssertEqual(DisplayWidth.truncate("abcdefgh", to: 5), "abcd…")
        XCTAssertEqual(DisplayWidth.tail("abcdefgh", width: 5), "…efgh")
        XCTAssertEqual(DisplayWidth.of(DisplayWidth.pad("日本語", to: 5)), 5)

        let rows = TextWrap.wrap("[02:14] Ava (visitor): " + String(repeating: "word ", count: 30), width: 40, indent: 8)
        XCTAssertTrue(rows.allSatisfy { DisplayWidth.of($0) <= 40 }, "\(rows)")
        XCTAssertTrue(rows.dropFirst().allSatisfy { $0.hasPrefix("        word") }, "\(rows)")
        let url = TextWrap.wrap("see https://" + String(repeating: "x", count: 100), width: 30, indent: 2)
        XCTAssertTrue(url.allSatisfy { DisplayWidth.of($0) <= 30 }, "\(url)")
        XCTAssertEqual(url.joined().filter { $0 == "x" }.count, 100, "nothing of a long word is lost")
    }

    func testStatusLineSaysWhatMatters() {
        var mine = chat()
        mine.mine = true
        var other = Chat(number: 3, summary: SessionSummary(session: "s3", site: "smile"))
        other.mine = true
        other.unread = 4
        let status = StatusLine(connection: "online", agentName: "Amy", available: true, offers: [(5, 17)],
                                mine: [mine, other], active: 2, unsent: 0)
        XCTAssertEqual(status.text, "online | Amy AVAILABLE | OFFER #5 17s: /accept | 2 chats, on #2 Demo Dental (Ava) | unread #3:4")
        XCTAssertEqual(status.summary, "online | Amy available | 2 chats, on #2 Demo Dental (Ava) | offers #5")
    }

    func testOfferViewShowsPracticePhonePageAndPreview() {
        var summary = SessionSummary(session: "s1", site: "demo")
        summary.siteName = "Demo Dental"
        summary.sitePhone = "+1 555 0100"
        summary.page = "https://demo.example/implants\u{1B}[2J"
        let history = (1...6).map { ChatMessage(seq: $0, from: $0 % 2 == 0 ? "bot" : "visitor", text: "m\($0)") }
        let lines = OfferView.lines(chat: Chat(number: 1, summary: summary), history: history, secondsLeft: 20, me: nil,
                                    now: Timestamp(milliseconds: 0))
        XCTAssertTrue(lines.allSatisfy { $0.style == .alert })
        XCTAssertEqual(lines[0].text, "NEW CHAT #1  Demo Dental  +1 555 0100  -  /accept within 20s, or /decline")
        XCTAssertEqual(lines[1].text, "  page: https://demo.example/implants[2J")
        XCTAssertEqual(lines[2].text, "  …")
        XCTAssertEqual(lines.last?.text, "  Demo Dental (bot): m6")
        XCTAssertEqual(lines.count, 3 + OfferView.previewMessages)
    }
}
