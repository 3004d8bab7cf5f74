@testable import NightDeskServer
import XCTest

final class OpenSSLTokensTests: XCTestCase {
    func testHashIsHexSHA256() {
        XCTAssertEqual(OpenSSLTokens().hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testEncodingsOfKnownBytes() {
        XCTAssertEqual(OpenSSLTokens.hex([0x00, 0x0f, 0xa0, 0xff]), "000fa0ff")
        // RFC 4648's alphabet with - and _ in place of + and /.
        XCTAssertEqual(OpenSSLTokens.base64url([0xfb, 0xff, 0xbf, 0x66, 0x6f, 0x6f]), "-_-_Zm9v")
    }

    func testNewTokensHaveTheirShapesAndDiffer() {
        var tokens = OpenSSLTokens()
        let secret = tokens.newSecret(), identifier = tokens.newIdentifier()
        XCTAssertEqual(secret.count, 32)
        XCTAssertTrue(secret.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        XCTAssertEqual(identifier.count, 13)
        XCTAssertTrue(identifier.allSatisfy { ("a"..."z").contains($0) || ("2"..."7").contains($0) })
        XCTAssertEqual(("s-" + identifier).utf8.count, 15, "a session id Swift keeps inline")
        XCTAssertNotEqual(secret, tokens.newSecret())
    }

    /// Tokens come from a pool refilled 4 KiB at a time: across several
    /// refills, no bytes are handed out twice.
    func testTokensStayDistinctAcrossPoolRefills() {
        var tokens = OpenSSLTokens()
        var seen = Set<String>()
        for _ in 0..<1000 {
            seen.insert(tokens.newSecret())
            seen.insert(tokens.newIdentifier())
        }
        XCTAssertEqual(seen.count, 2000)
    }
}
