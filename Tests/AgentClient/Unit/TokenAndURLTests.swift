@testable import nightdesk_agent
import Foundation
import NightDeskTransport
import XCTest

final class TokenAndURLTests: XCTestCase {
    func testTokenFromFileOrEnvironment() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("agent-token-\(UUID().uuidString)")
        try "  tok-123\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        guard case .success(let fromFile) = AgentToken.resolve(file: file.path, environment: ["NIGHTDESK_AGENT_TOKEN": "env"]) else {
            return XCTFail()
        }
        XCTAssertEqual(fromFile.token, "tok-123", "the file wins over the environment")
        XCTAssertNil(fromFile.warning)
        guard case .success(let fromEnv) = AgentToken.resolve(file: nil, environment: ["NIGHTDESK_AGENT_TOKEN": "env"]) else {
            return XCTFail()
        }
        XCTAssertEqual(fromEnv.token, "env")
    }

    func testTokenProblems() {
        guard case .failure = AgentToken.resolve(file: nil, environment: [:]) else { return XCTFail("no token") }
        guard case .failure = AgentToken.resolve(file: nil, environment: ["NIGHTDESK_AGENT_TOKEN": " "]) else { return XCTFail("empty") }
        guard case .failure = AgentToken.resolve(file: nil, environment: ["NIGHTDESK_AGENT_TOKEN": "a b"]) else { return XCTFail("space") }
        guard case .failure = AgentToken.resolve(file: "/nonexistent/token", environment: [:]) else { return XCTFail("missing file") }
        XCTAssertTrue(AgentToken.isOnCommandLine(["--server", "ws://x", "--token", "t"]))
        XCTAssertTrue(AgentToken.isOnCommandLine(["--token=t"]))
        XCTAssertFalse(AgentToken.isOnCommandLine(["--token-file", "f"]))
    }

    func testServerURLs() throws {
        let plain = try WebSocketClientOptions(url: "ws://127.0.0.1:8080")
        XCTAssertEqual([plain.host, String(plain.port), plain.path], ["127.0.0.1", "8080", "/ws"])
        XCTAssertFalse(plain.useTLS)
        let printed = try WebSocketClientOptions(url: "http://127.0.0.1:8080/")
        XCTAssertEqual(printed.url, "ws://127.0.0.1:8080/ws", "the URL the server prints works as it is")
        let tls = try WebSocketClientOptions(url: "WSS://desk.example.com/custom?x=1")
        XCTAssertEqual([tls.host, String(tls.port), tls.path], ["desk.example.com", "443", "/custom?x=1"])
        XCTAssertTrue(tls.useTLS)
        let v6 = try WebSocketClientOptions(url: "ws://[::1]:9000")
        XCTAssertEqual([v6.host, String(v6.port)], ["::1", "9000"])
        for bad in ["127.0.0.1:8080", "ftp://x", "ws://", "ws://:80", "ws://h:0", "ws://h:99999", "ws://h:x",
                    "ws://user:pw@h", "ws://[::1", "ws://bad host", "ws://h/a b"] {
            XCTAssertThrowsError(try WebSocketClientOptions(url: bad), bad)
        }
    }
}
