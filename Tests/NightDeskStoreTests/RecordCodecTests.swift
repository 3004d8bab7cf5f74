import NightDeskCore
@testable import NightDeskStore
import XCTest

/// The journal's record layout is what every existing data directory holds:
/// an encoder change must not move a byte of it.
final class RecordCodecTests: XCTestCase {
    func testTheChecksumIsIEEECRC32() {
        // The standard check value of CRC-32/ISO-HDLC.
        XCTAssertEqual(CRC32.checksum(Array("123456789".utf8)), 0xCBF4_3926)
    }

    func testARecordIsLengthChecksumTypeThenItsJSON() {
        let message = Message(seq: 7, from: .visitor, name: "Ann", text: "hi \"there\"",
                              at: Timestamp(milliseconds: 1_795_389_245_123))
        let bytes = RecordCodec.encode(.message(session: "s-1", message: message, clientID: "c-9"))
        let payload = Array(#"{"session":"s-1","seq":7,"from":"visitor","name":"Ann","text":"hi \"there\"","at":1795389245123,"client_id":"c-9"}"#.utf8)
        let checksum = CRC32.checksum([RecordCodec.Kind.message.rawValue] + payload)
        var expected: [UInt8] = []
        for value in [UInt32(payload.count), checksum] {
            expected += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
        }
        expected += [RecordCodec.Kind.message.rawValue] + payload
        XCTAssertEqual(bytes, expected)
        guard case .record(let decoded, let length) = RecordCodec.decode(bytes, at: 0) else {
            return XCTFail("the record does not decode")
        }
        XCTAssertEqual(length, bytes.count)
        XCTAssertEqual(decoded, .message(session: "s-1", message: message, clientID: "c-9"))
    }
}
