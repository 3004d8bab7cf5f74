import CLibWebSockets
import Foundation
import Logging
import Synchronization

/// The HTTP and WebSocket server over libwebsockets: the only code that calls
/// lws. One service thread runs `lws_service`; every lws call and every
/// delegate call happens on it. Other threads hand work in with `post`.
///
/// `@unchecked Sendable` is safe because the state that is not itself
/// thread-safe (`connections`, `exchanges`, `delegate`, `nextConnection`,
/// `server`) is touched only on the service thread (every entry point that
/// reaches it runs from an lws callback or a posted job); what other threads
/// touch is `handoff` (Sendable: Mutexes and an Atomic) and `port`, written
/// once before `start` returns and only read after.
public final class WebSocketServer: @unchecked Sendable {
    public let options: TransportOptions
    let logger: Logger
    let handoff = ServiceThreadHandoff()
    /// Service thread only. Other threads wake the loop through `handoff`,
    /// which holds the context's address until just before it is destroyed.
    private var server: UnsafeMutablePointer<nd_server>?
    var threadIdentity: LoopThreadIdentity { handoff.threadIdentity }
    /// The port bound, known once `start` returns.
    public private(set) var port = 0

    private(set) var delegate: (any WebSocketServerDelegate)?
    private(set) var connections: [UInt64: WebSocketConnection] = [:]
    private var exchanges: [UInt64: HTTPExchange] = [:]
    /// Served by the delegate besides `/api/`: health and metrics.
    static let operationsPaths: Set<String> = ["/healthz", "/metrics"]
    /// Request bodies past this are cut off and answered 413.
    static let maxRequestBody = 64 * 1024
    private var nextConnection: UInt64 = 1
    var lastKeepaliveSweep: UInt64 = 0
    private let scratch = FrameScratch()
    private let cork = FrameCork()
    /// Frames wait for the turn's end (libuv only, and not once stopping).
    private var corking = false
    /// The address the last admitted WebSocket came from, for its
    /// ESTABLISHED callback.
    private var admittedPeer: (wsi: OpaquePointer, peer: String)?
    /// The delegate hears `turnEnded` after every turn. Service thread only.
    public var endsTurns: Bool { corking }

    public init(options: TransportOptions, logger: Logger) {
        self.options = options
        self.logger = logger
    }

    public var isOnServiceThread: Bool { handoff.isOnServiceThread }

    /// Binds and starts the service thread. `makeDelegate` runs on that
    /// thread, so what it builds may be loop-bound. Returns once listening.
    public func start(makeDelegate: @escaping @Sendable (WebSocketServer) -> any WebSocketServerDelegate) throws(TransportError) {
        let ready = DispatchSemaphore(value: 0)
        let failure = Mutex<String?>(nil)
        let thread = Thread { [self] in
            handoff.enterServiceThread()
            guard let created = createContext() else {
                failure.withLock { $0 = "could not listen on \(options.host):\(options.port): the port is in use, the address is not this machine's, or the TLS files are unreadable (see the lws error above)" }
                ready.signal()
                handoff.signalFinished()
                return
            }
            server = created
            handoff.serving(created.pointee.context)
            port = Int(nd_server_listen_port(created))
            delegate = makeDelegate(self)
            nd_server_start_ticks(created, tickCallback, Unmanaged.passUnretained(self).toOpaque(), options.tickMicroseconds)
            corking = nd_server_on_turn_end(created, turnEndCallback, Unmanaged.passUnretained(self).toOpaque()) == 1
            ready.signal()
            serve(created)
        }
        thread.name = "nightdesk-lws"
        thread.start()
        ready.wait()
        if let message = failure.withLock({ $0 }) { throw TransportError(description: message) }
    }

    private func createContext() -> UnsafeMutablePointer<nd_server>? {
        WebSocketServerLog.sink.withLock { $0 = logger }
        let user = Unmanaged.passUnretained(self).toOpaque()
        return options.host.withCString { host in
            withOptionalCString(options.publicDirectory) { publicDir in
                withOptionalCString(options.tlsCertificate) { cert in
                    withOptionalCString(options.tlsKey) { key in
                        var o = nd_server_options()
                        o.iface = host
                        o.port = Int32(options.port)
                        o.public_dir = publicDir
                        o.tls_cert = cert
                        o.tls_key = key
                        o.rx_buffer_size = 1024
                        // Without it lws sends at most rx_buffer_size at a
                        // time and waits for POLLOUT to send the rest: a
                        // corked turn's frames went out in 1 KiB pieces.
                        o.tx_packet_size = UInt32(FrameCork.flushAtBytes)
                        // Keepalive is ours (WebSocketServer+Keepalive): lws's
                        // re-sorts a timer list on every frame received.
                        o.ping_seconds = 0
                        o.hangup_seconds = 0
                        o.handshake_seconds = UInt32(clamping: max(1, options.handshakeSeconds))
                        o.use_libuv = options.useLibuv ? 1 : 0
                        o.user = user
                        o.callback = lwsCallback
                        o.log = WebSocketServerLog.emit
                        return nd_server_create(&o)
                    }
                }
            }
        }
    }

    private func serve(_ created: UnsafeMutablePointer<nd_server>) {
        while !handoff.stopRequested {
            if nd_server_run(created) < 0 { break }
        }
        corking = false
        flushCorked()
        handoff.drainAndClose()
        nd_server_destroy(created)
        connections.removeAll()
        delegate = nil
        handoff.signalFinished()
    }

    /// Stops accepting, closes every connection and ends the service thread.
    /// Safe from any thread; returns at once (see `waitUntilStopped`).
    public func stop() {
        handoff.requestStop()
    }

    public func waitUntilStopped() {
        handoff.waitUntilFinished()
    }

    /// Runs `job` on the service thread soon. Safe from any thread.
    public func post(_ job: @escaping @Sendable () -> Void) {
        handoff.post(job)
    }



    // MARK: Service-thread API

    /// Writes a text frame now when nothing waits before it on that
    /// connection, else queues it for the writeable callback. Writing at
    /// once spares a loop turn and two epoll changes per frame.
    /// Service thread only.
    public func send(_ connection: UInt64, _ text: String) {
        guard let c = connections[connection], !c.isClosing else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        // What a turn holds for one connection is bounded: past the limit it
        // goes out now, and what the socket refuses of it is lws's partial
        // write, which sends the rest of this turn's frames to the queue,
        // where the slow-reader limits count them.
        if corking, c.corkedBytes >= FrameCork.flushAtBytes, !cork.flush(c) {
            c.dropSoon()
            return
        }
        if c.canWriteAtOnce {
            if corking {
                c.wroteAt(now)
                cork.add(text, for: c)
                return
            }
            // A failed socket is lws's to close, on its own turn: this may
            // run inside another connection's callback.
            if !c.writeAtOnce(text, through: scratch, now: now) {
                c.dropSoon()
            }
            return
        }
        // Whatever this turn held for it goes before the queue.
        if c.corkHead >= 0, !cork.flush(c) {
            c.dropSoon()
            return
        }
        // The backlog before this frame decides: one large frame (a long
        // history on resume) is fine; a reader that stopped reading is not.
        let backlog = c.queuedBytes
        c.enqueue(text, now: now)
        let stalled = Double(now &- c.lastProgress) / 1e9 >= options.stalledSeconds
        if backlog > options.maxQueuedBytes, stalled || backlog > options.hardQueuedBytes {
            logger.warning("dropping a connection that does not read", metadata: ["connection": "\(connection)", "queued_bytes": "\(c.queuedBytes)"])
            delegate?.limitHit("max_queued_bytes")
            // A close frame would queue behind the backlog and never go out,
            // since the peer does not read: free the memory and have lws
            // drop the socket on its next turn.
            c.pendingClose = (1008, "too slow")
            c.discardOutgoing()
            c.dropSoon()
            return
        }
        lws_callback_on_writable(c.wsi)
    }

    /// Closes after the queued frames are written. Service thread only.
    public func close(_ connection: UInt64, code: UInt16, reason: String) {
        guard let c = connections[connection], !c.isClosing else { return }
        // What this turn sent it goes before the close frame.
        if !cork.flush(c) { c.dropSoon() }
        c.pendingClose = (Int32(code), String(reason.utf8.prefix(100)) ?? "")
        lws_callback_on_writable(c.wsi)
    }

    // MARK: Callbacks (service thread)

    fileprivate func handle(_ wsi: OpaquePointer, _ reason: lws_callback_reasons, _ user: UnsafeMutableRawPointer?,
                            _ input: UnsafeMutableRawPointer?, _ length: Int) -> Int32 {
        switch reason {
        case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
            // Each refusal is an HTTP answer, so a client (and its developer)
            // learns why instead of seeing the connection drop.
            guard header(wsi, WSI_TOKEN_GET_URI) == "/ws" else {
                logger.info("websocket refused: wrong path")
                _ = nd_refuse_upgrade(wsi, 404, nil, "WebSockets are served at /ws only.\n")
                return 1
            }
            let origin = header(wsi, WSI_TOKEN_ORIGIN)
            guard delegate?.acceptsOrigin(origin) ?? false else {
                logger.notice("websocket refused: origin not allowed", metadata: ["origin": "\(Self.loggable(origin ?? "-"))"])
                _ = nd_refuse_upgrade(wsi, 403, nil, "This Origin may not open a chat here.\n")
                return 1
            }
            let peer = peerAddress(wsi)
            guard delegate?.admitsWebSocket(from: peer) ?? false else {
                // The delegate logged which limit; the client learns to come back later.
                _ = nd_refuse_upgrade(wsi, 503, "10", "Too many connections; try again shortly.\n")
                return 1
            }
            admittedPeer = (wsi, peer)
            return 0
        case LWS_CALLBACK_ESTABLISHED:
            guard let user else { return -1 }
            let id = nextConnection
            nextConnection += 1
            user.storeBytes(of: id, as: UInt64.self)
            connections[id] = WebSocketConnection(wsi: wsi)
            // lws calls ESTABLISHED right after the filter, for the same
            // socket: its address is known without a second getpeername.
            let peer = admittedPeer.flatMap { $0.wsi == wsi ? $0.peer : nil } ?? peerAddress(wsi)
            admittedPeer = nil
            delegate?.opened(id, origin: header(wsi, WSI_TOKEN_ORIGIN), peer: peer)
            return 0
        case LWS_CALLBACK_RECEIVE:
            guard let user, let c = connections[user.load(as: UInt64.self)] else { return -1 }
            return receive(c, id: user.load(as: UInt64.self), input, length)
        case LWS_CALLBACK_SERVER_WRITEABLE:
            guard let user, let c = connections[user.load(as: UInt64.self)] else { return -1 }
            if c.pingDue {
                c.pingDue = false
                guard nd_write_ping(wsi) >= 0 else { return -1 }
            }
            if c.hasOutgoing {
                guard c.writeQueued(limit: 16) else { return -1 }
                if c.hasOutgoing || c.isClosing { lws_callback_on_writable(wsi) }
                return 0
            }
            if let close = c.pendingClose {
                _ = nd_write_close(wsi, close.code, close.reason)
                return -1
            }
            return 0
        case LWS_CALLBACK_RECEIVE_PONG:
            if let user, let c = connections[user.load(as: UInt64.self)] { c.heard(at: DispatchTime.now().uptimeNanoseconds) }
            return 0
        case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
            return peerClosed(wsi, input, length)
        case LWS_CALLBACK_CLOSED:
            guard let user else { return 0 }
            let id = user.load(as: UInt64.self)
            if let gone = connections.removeValue(forKey: id) {
                cork.drop(gone)
                delegate?.closed(id)
            }
            return 0
        case LWS_CALLBACK_HTTP:
            return beginHTTP(wsi, user)
        case LWS_CALLBACK_HTTP_BODY:
            guard let user, let exchange = exchanges[user.load(as: UInt64.self)] else { return -1 }
            if exchange.request.body.count + length > Self.maxRequestBody {
                exchange.request.bodyTooLarge = true
            } else if let input, length > 0 {
                exchange.request.body.append(contentsOf: UnsafeRawBufferPointer(start: input, count: length))
            }
            return 0
        case LWS_CALLBACK_HTTP_BODY_COMPLETION:
            guard let user, let exchange = exchanges[user.load(as: UInt64.self)] else { return -1 }
            if exchange.response == nil { delegate?.httpRequest(user.load(as: UInt64.self), exchange.request) }
            return 0
        case LWS_CALLBACK_HTTP_WRITEABLE:
            guard let user, let exchange = exchanges[user.load(as: UInt64.self)] else {
                return lws_callback_http_dummy(wsi, reason, user, input, length)
            }
            return writeHTTP(exchange, id: user.load(as: UInt64.self))
        case LWS_CALLBACK_CLOSED_HTTP:
            if let user { exchanges[user.load(as: UInt64.self)] = nil }
            return lws_callback_http_dummy(wsi, reason, user, input, length)
        case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
            handoff.runJobs()
            if handoff.stopRequested, let server { nd_server_break_loop(server) }
            return 0
        default:
            return lws_callback_http_dummy(wsi, reason, user, input, length)
        }
    }

    fileprivate func tick() {
        sweepKeepalive(now: DispatchTime.now().uptimeNanoseconds)
        delegate?.tick()
    }

    /// The turn's frames go out, one send per connection. A failed socket
    /// is lws's to close on its own turn.
    fileprivate func flushCorked() {
        delegate?.turnEnded()
        guard !cork.isEmpty else { return }
        cork.flushAll { $0.dropSoon() }
    }

    // MARK: HTTP (service thread)

    private func beginHTTP(_ wsi: OpaquePointer, _ user: UnsafeMutableRawPointer?) -> Int32 {
        guard let user else { return -1 }
        let id = nextConnection
        nextConnection += 1
        user.storeBytes(of: id, as: UInt64.self)
        var path = header(wsi, WSI_TOKEN_GET_URI) ?? header(wsi, WSI_TOKEN_POST_URI) ?? "/api"
        if let q = path.firstIndex(of: "?") { path = String(path[..<q]) }
        var query: [String: String] = [:]
        var n: Int32 = 0
        var buffer = [CChar](repeating: 0, count: 1024)
        while n < 32 {
            let got = buffer.withUnsafeMutableBufferPointer { nd_http_query_arg(wsi, n, $0.baseAddress, Int32($0.count)) }
            guard got >= 0 else { break }
            let arg = String(decoding: buffer.prefix(Int(got)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if let eq = arg.firstIndex(of: "=") { query[String(arg[..<eq])] = String(arg[arg.index(after: eq)...]) }
            n += 1
        }
        let methodCode = nd_http_method(wsi)
        let method: HTTPRequest.Method = methodCode == 1 ? .get : methodCode == 2 ? .post : .other
        var request = HTTPRequest(method: method, path: path, query: query,
                                  authorization: header(wsi, WSI_TOKEN_HTTP_AUTHORIZATION), body: [], bodyTooLarge: false)
        request.peer = peerAddress(wsi)
        exchanges[id] = HTTPExchange(wsi: wsi, request: request)
        // lws also hands us requests for files it did not find: those are
        // plain 404s, never the API's business; the operations pages are
        // the delegate's too.
        guard path == "/api" || path.hasPrefix("/api/") || Self.operationsPaths.contains(path) else {
            respond(id, HTTPResponse(status: 404, contentType: "text/plain; charset=utf-8", body: Array("Not found\n".utf8)))
            return 0
        }
        // A POST's body arrives in LWS_CALLBACK_HTTP_BODY; the rest is complete now.
        if method != .post { delegate?.httpRequest(id, request) }
        return 0
    }

    /// Sends the response to a request from `httpRequest`. Service thread only;
    /// a request whose client has gone is ignored.
    public func respond(_ exchange: UInt64, _ response: HTTPResponse) {
        guard let e = exchanges[exchange], e.response == nil else { return }
        e.response = response
        lws_callback_on_writable(e.wsi)
    }

    /// Headers in one writeable callback, then the body in 16 KiB pieces.
    private func writeHTTP(_ e: HTTPExchange, id: UInt64) -> Int32 {
        guard let response = e.response else { return 0 }
        if !e.headersSent {
            e.headersSent = true
            let failed = response.contentType.withCString { type in
                withOptionalCString(response.extraHeader?.name) { name in
                    withOptionalCString(response.extraHeader?.value) { value in
                        nd_http_write_headers(e.wsi, response.status, type, UInt64(response.body.count), name, value)
                    }
                }
            }
            guard failed == 0 else { return -1 }
            lws_callback_on_writable(e.wsi)
            return 0
        }
        let pre = nd_lws_pre()
        let piece = min(16 * 1024, response.body.count - e.bodyOffset)
        let final = e.bodyOffset + piece >= response.body.count
        var chunk = [UInt8](repeating: 0, count: pre)
        chunk.append(contentsOf: response.body[e.bodyOffset..<(e.bodyOffset + piece)])
        let written = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return nd_http_write_body(e.wsi, base + pre, piece, final ? 1 : 0)
        }
        guard written >= 0 else { return -1 }
        e.bodyOffset += piece
        if !final {
            lws_callback_on_writable(e.wsi)
            return 0
        }
        exchanges[id] = nil
        return lws_http_transaction_completed(e.wsi) != 0 ? -1 : 0
    }

    private func header(_ wsi: OpaquePointer, _ token: lws_token_indexes) -> String? {
        var buffer = [CChar](repeating: 0, count: 1024)
        let n = buffer.withUnsafeMutableBufferPointer { nd_header(wsi, token, $0.baseAddress, Int32($0.count)) }
        guard n >= 0 else { return nil }
        return String(decoding: buffer.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A header a client chose, fit for a log line: printable ASCII only
    /// (no escape sequences for the operator's terminal), at most 200.
    public static func loggable(_ value: String) -> String {
        String(value.unicodeScalars.prefix(200).map { (0x20...0x7E).contains($0.value) ? Character($0) : "?" })
    }

    private func peerAddress(_ wsi: OpaquePointer) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let name = buffer.withUnsafeMutableBufferPointer { lws_get_peer_simple(wsi, $0.baseAddress, $0.count) }
        guard name != nil else { return "?" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

private func withOptionalCString<R>(_ s: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let s else { return body(nil) }
    return s.withCString { body($0) }
}

private let lwsCallback: nd_lws_callback = { wsi, reason, user, input, length in
    guard let wsi, let context = lws_get_context(wsi), let raw = lws_context_user(context) else {
        return lws_callback_http_dummy(wsi, reason, user, input, length)
    }
    return Unmanaged<WebSocketServer>.fromOpaque(raw).takeUnretainedValue().handle(wsi, reason, user, input, length)
}

private let tickCallback: nd_tick_fn = { raw in
    guard let raw else { return }
    Unmanaged<WebSocketServer>.fromOpaque(raw).takeUnretainedValue().tick()
}

private let turnEndCallback: nd_turn_fn = { raw in
    guard let raw else { return }
    Unmanaged<WebSocketServer>.fromOpaque(raw).takeUnretainedValue().flushCorked()
}
