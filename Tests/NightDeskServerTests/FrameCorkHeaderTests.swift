@testable import NightDeskTransport
import XCTest

/// The corked frames are framed by us, not lws: the header must be RFC 6455
/// 5.2's for each of the three length forms, at their edges.
final class FrameCorkHeaderTests: XCTestCase {
    private func header(_ length: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0xEE, count: 10)
        let size = bytes.withUnsafeMutableBytes { FrameCork.writeHeader(payloadLength: length, at: $0.baseAddress) }
        return Array(bytes.prefix(size))
    }

    func testSevenBitLengths() {
        XCTAssertEqual(header(0), [0x81, 0])
        XCTAssertEqual(header(125), [0x81, 125])
    }

    func testSixteenBitLengths() {
        XCTAssertEqual(header(126), [0x81, 126, 0, 126])
        XCTAssertEqual(header(65535), [0x81, 126, 0xFF, 0xFF])
    }

    func testSixtyFourBitLengths() {
        XCTAssertEqual(header(65536), [0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0])
        XCTAssertEqual(header(0x0102_0304), [0x81, 127, 0, 0, 0, 0, 1, 2, 3, 4])
    }
}
