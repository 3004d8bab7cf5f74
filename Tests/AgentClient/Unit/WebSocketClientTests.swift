import Dispatch
import Foundation
import Logging
import NightDeskTransport
import Synchronization
import XCTest

/// WebSocketClient against the project's own WebSocketServer, both over
/// libwebsockets, on 127.0.0.1.
final class WebSocketClientTests: XCTestCase {
    private var servers: [WebSocketServer] = []
    private var clients: [WebSocketClient] = []

    override func tearDown() {
        for client in clients { client.stop(); client.waitUntilStopped() }
        for server in servers { server.stop(); server.waitUntilStopped() }
        clients = []
        servers = []
    }

    private func startServer(tls: (cert: String, key: String)? = nil, tickMicroseconds: Int64? = nil) throws -> WebSocketServer {
        var options = TransportOptions(host: "127.0.0.1", port: 0, publicDirectory: nil,
                                       tlsCertificate: tls?.cert, tlsKey: tls?.key, maxFrameBytes: 1 << 20)
        options.maxQueuedBytes = 4 << 20
        if let tickMicroseconds { options.tickMicroseconds = tickMicroseconds }
        let server = WebSocketServer(options: options, logger: Logger(label: "test-server"))
        try server.start { server in ScriptedServer(server) }
        servers.append(server)
        return server
    }

    private func startClient(_ options: WebSocketClientOptions, events: EventLog) throws -> WebSocketClient {
        let client = WebSocketClient(options: options)
        try client.start { _ in RecordingDelegate(events) }
        clients.append(client)
        return client
    }

    func testEchoReassemblyAndTheServersCloseCode() throws {
        let server = try startServer()
        let events = EventLog()
        let client = try startClient(WebSocketClientOptions(host: "127.0.0.1", port: server.port), events: events)
        client.connect()
        try events.wait(for: "connected") { $0.contains(.connected) }
        client.send("echo:héllo")
        try events.wait(for: "echo") { $0.contains(.text("héllo")) }
        // Far larger than lws' 4 KiB receive buffer: arrives in pieces.
        client.send("big:300000")
        try events.wait(for: "a 300 kB message, whole") { $0.contains(.text(String(repeating: "x", count: 300_000))) }
        client.send("close:4001:bye now")
        try events.wait(for: "closed") { $0.contains(.closed(4001, "bye now")) }
    }

    func testAMessageOverTheCapClosesWith1009() throws {
        let server = try startServer()
        let events = EventLog()
        var options = WebSocketClientOptions(host: "127.0.0.1", port: server.port)
        options.maxMessageBytes = 64 * 1024
        let client = try startClient(options, events: events)
        client.connect()
        try events.wait(for: "connected") { $0.contains(.connected) }
        client.send("big:100000")
        try events.wait(for: "1009") { $0.contains { if case .closed(1009, _) = $0 { return true } else { return false } } }
        XCTAssertFalse(events.all.contains { if case .text = $0 { return true } else { return false } })
    }

    func testCloseThenReconnect() throws {
        let server = try startServer()
        let events = EventLog()
        let client = try startClient(WebSocketClientOptions(host: "127.0.0.1", port: server.port, path: "/ws"), events: events)
        client.connect()
        try events.wait(for: "connected") { $0.contains(.connected) }
        client.close(code: 1000, reason: "bye")
        try events.wait(for: "closed") { $0.contains(.closed(1000, "bye")) }
        client.connect()
        try events.wait(for: "connected again") { $0.filter { $0 == .connected }.count == 2 }
        client.send("echo:again")
        try events.wait(for: "echo on the new connection") { $0.contains(.text("again")) }
    }

    func testRefusedAndWrongPathAreFailures() throws {
        let closedPort = try freePort()
        let events = EventLog()
        let client = try startClient(WebSocketClientOptions(host: "127.0.0.1", port: closedPort), events: events)
        client.connect()
        try events.wait(for: "a failure") { $0.contains { if case .failed = $0 { return true } else { return false } } }
        client.connect()
        try events.wait(for: "a second failure") { $0.filter { if case .failed = $0 { return true } else { return false } }.count == 2 }
        XCTAssertFalse(events.all.contains(.connected))

        let server = try startServer()
        let wrongPath = EventLog()
        let other = try startClient(WebSocketClientOptions(host: "127.0.0.1", port: server.port, path: "/nope"), events: wrongPath)
        other.connect()
        try wrongPath.wait(for: "a refused upgrade") { $0.contains { if case .failed = $0 { return true } else { return false } } }
    }

    func testWSSTrustsTheGivenCAAndNothingElse() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wsclient-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cert = dir.appendingPathComponent("cert.pem").path
        let key = dir.appendingPathComponent("key.pem").path
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                             "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", key, "-out", cert]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        try XCTSkipIf(openssl.terminationStatus != 0, "the openssl command could not make a certificate")

        let server = try startServer(tls: (cert, key))
        let trusted = EventLog()
        let good = try startClient(WebSocketClientOptions(host: "127.0.0.1", port: server.port, useTLS: true, caFile: cert),
                                   events: trusted)
        good.connect()
        try trusted.wait(for: "connected over TLS") { $0.contains(.connected) }
        good.send("echo:secret")
        try trusted.wait(for: "echo over TLS") { $0.contains(.text("secret")) }

        let untrusted = EventLog()
        let bad = try startClient(WebSocketClientOptions(host: "127.0.0.1", port: server.port, useTLS: true), events: untrusted)
        bad.connect()
        try untrusted.wait(for: "a refused certificate") { $0.contains { if case .failed = $0 { return true } else { return false } } }
        XCTAssertFalse(untrusted.all.contains(.connected))
    }

    /// A frame sent from a timer (the tick) goes out before the loop waits
    /// again, not with the next I/O or tick: the client's question, asked
    /// as soon as the frame arrives, is answered before the next tick.
    func testAFrameSentFromTheTickGoesOutBeforeTheNextTick() throws {
        let server = try startServer(tickMicroseconds: 2_000_000)
        let events = EventLog()
        let client = try startClient(WebSocketClientOptions(host: "127.0.0.1", port: server.port), events: events)
        client.connect()
        try events.wait(for: "connected") { $0.contains(.connected) }
        client.send("later:ping")
        var sentAtTick = ""
        try events.wait(for: "the frame sent from the tick") { all in
            for case .text(let t) in all where t.hasPrefix("ping@") { sentAtTick = String(t.dropFirst(5)); return true }
            return false
        }
        client.send("ticks")
        try events.wait(for: "the tick count") { all in all.contains { if case .text(let t) = $0 { return t.hasPrefix("ticks:") } else { return false } } }
        XCTAssertTrue(events.all.contains(.text("ticks:" + sentAtTick)), "a tick passed before the frame went out: \(events.all)")
    }

    func testAMissingCAFileIsRefusedUpFront() {
        let client = WebSocketClient(options: WebSocketClientOptions(host: "127.0.0.1", port: 1, useTLS: true, caFile: "/nonexistent.pem"))
        XCTAssertThrowsError(try client.start { _ in RecordingDelegate(EventLog()) })
    }

    private func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        XCTAssertTrue(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// What a client's delegate heard, in order.
enum ClientEvent: Equatable {
    case connected
    case text(String)
    case closed(UInt16, String)
    case failed(String)
}

/// Events from the service thread, awaited by the test thread with a deadline.
final class EventLog: Sendable {
    private let events = Mutex<[ClientEvent]>([])
    private let arrived = DispatchSemaphore(value: 0)

    func append(_ event: ClientEvent) {
        events.withLock { $0.append(event) }
        arrived.signal()
    }

    var all: [ClientEvent] { events.withLock { $0 } }

    func wait(for what: String, timeout: Double = 10, _ done: ([ClientEvent]) -> Bool) throws {
        let deadline = DispatchTime.now() + timeout
        while !done(all) {
            if arrived.wait(timeout: deadline) == .timedOut, !done(all) {
                let summary = all.map { event -> String in
                    if case .text(let t) = event { return "text(\(t.prefix(40))…\(t.count))" }
                    return "\(event)"
                }
                XCTFail("no \(what) within \(timeout) s; events: \(summary)")
                throw CancellationError()
            }
        }
    }
}

final class RecordingDelegate: WebSocketClientDelegate {
    private let log: EventLog

    init(_ log: EventLog) { self.log = log }

    func connected() { log.append(.connected) }
    func received(text: String) { log.append(.text(text)) }
    func closed(code: UInt16, reason: String) { log.append(.closed(code, reason)) }
    func connectionFailed(_ reason: String) { log.append(.failed(reason)) }
    func tick() {}
}

/// Answers "echo:X" with X, "big:N" with N bytes, "close:CODE:REASON" by
/// closing, "later:X" with "X@TICK" from its next tick, "ticks" with
/// "ticks:COUNT".
final class ScriptedServer: WebSocketServerDelegate {
    private let server: WebSocketServer
    private var ticks = 0
    private var later: [(UInt64, String)] = []

    init(_ server: WebSocketServer) { self.server = server }

    func acceptsOrigin(_ origin: String?) -> Bool { true }
    func opened(_ connection: UInt64, origin: String?, peer: String) {}
    func receivedBinary(_ connection: UInt64) {}
    func closed(_ connection: UInt64) {}
    func tick() {
        ticks += 1
        for (connection, text) in later { server.send(connection, "\(text)@\(ticks)") }
        later = []
    }
    func httpRequest(_ exchange: UInt64, _ request: HTTPRequest) {
        server.respond(exchange, HTTPResponse(status: 404, contentType: "text/plain", body: []))
    }

    func received(_ connection: UInt64, text: String) {
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        switch parts.first {
        case "echo": server.send(connection, parts.dropFirst().joined(separator: ":"))
        case "big": server.send(connection, String(repeating: "x", count: Int(parts.count > 1 ? parts[1] : "0") ?? 0))
        case "close": server.close(connection, code: UInt16(parts.count > 1 ? parts[1] : "1000") ?? 1000, reason: parts.count > 2 ? parts[2] : "")
        case "later": later.append((connection, parts.count > 1 ? parts[1] : ""))
        case "ticks": server.send(connection, "ticks:\(ticks)")
        default: break
        }
    }
}
