import CLibWebSockets
import Foundation
import Logging
import Synchronization

/// The HTTP and WebSocket server over libwebsockets: the only code that calls
/// lws. One service thread runs `lws_service`; every lws call and every
/// delegate call happens on it. Other threads hand work in with `post`.
///
/// `@unchecked Sendable` is safe because the state that is not itself
/// thread-safe (`connections`, `delegate`, `nextConnection`) is touched only
/// on the service thread (every entry point that reaches it runs from an lws
/// callback or a posted job), and what other threads touch is a `Mutex`, an
/// `Atomic`, or written once before `start` returns and read-only after.
public final class WebSocketServer: @unchecked Sendable {
    public let options: TransportOptions
    let logger: Logger
    let handoff = ServiceThreadHandoff()
    /// Read by the service thread freely; by other threads only under
    /// `wakeable`, which is cleared before the context is destroyed so a
    /// late `post` can never touch a freed context.
    private var server: UnsafeMutablePointer<nd_server>?
    var threadIdentity: LoopThreadIdentity { handoff.threadIdentity }
    /// The port bound, known once `start` returns.
    public private(set) var port = 0

    private var delegate: (any WebSocketServerDelegate)?
    private var connections: [UInt64: WebSocketConnection] = [:]
    private var nextConnection: UInt64 = 1

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
            ready.signal()
            serve(created)
        }
        thread.name = "nightdesk-lws"
        thread.start()
        ready.wait()
        if let message = failure.withLock({ $0 }) { throw TransportError(description: message) }
    }

    private func createContext() -> UnsafeMutablePointer<nd_server>? {
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
                        o.rx_buffer_size = 4096
                        o.ping_seconds = UInt16(clamping: options.pingSeconds)
                        o.hangup_seconds = UInt16(clamping: options.hangupSeconds)
                        o.handshake_seconds = UInt32(clamping: max(1, options.handshakeSeconds))
                        o.use_libuv = options.useLibuv ? 1 : 0
                        o.user = user
                        o.callback = lwsCallback
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

    /// Queues a text frame. Service thread only.
    public func send(_ connection: UInt64, _ text: String) {
        guard let c = connections[connection], c.pendingClose == nil else { return }
        // The backlog before this frame decides: one large frame (a long
        // history on resume) is fine; a reader that stopped reading is not.
        let backlog = c.queuedBytes
        c.enqueue(text)
        if backlog > options.maxQueuedBytes {
            logger.warning("dropping a connection that does not read", metadata: ["connection": "\(connection)", "queued_bytes": "\(c.queuedBytes)"])
            c.pendingClose = (1008, "too slow")
        }
        lws_callback_on_writable(c.wsi)
    }

    /// Closes after the queued frames are written. Service thread only.
    public func close(_ connection: UInt64, code: UInt16, reason: String) {
        guard let c = connections[connection], c.pendingClose == nil else { return }
        c.pendingClose = (Int32(code), String(reason.utf8.prefix(100)) ?? "")
        lws_callback_on_writable(c.wsi)
    }

    // MARK: Callbacks (service thread)

    fileprivate func handle(_ wsi: OpaquePointer, _ reason: lws_callback_reasons, _ user: UnsafeMutableRawPointer?,
                            _ input: UnsafeMutableRawPointer?, _ length: Int) -> Int32 {
        switch reason {
        case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
            guard header(wsi, WSI_TOKEN_GET_URI) == "/ws" else {
                logger.info("websocket refused: wrong path")
                return 1
            }
            let origin = header(wsi, WSI_TOKEN_ORIGIN)
            guard delegate?.acceptsOrigin(origin) ?? false else {
                logger.notice("websocket refused: origin not allowed", metadata: ["origin": "\(origin ?? "-")"])
                return 1
            }
            return 0
        case LWS_CALLBACK_ESTABLISHED:
            guard let user else { return -1 }
            let id = nextConnection
            nextConnection += 1
            user.storeBytes(of: id, as: UInt64.self)
            connections[id] = WebSocketConnection(wsi: wsi)
            delegate?.opened(id, origin: header(wsi, WSI_TOKEN_ORIGIN), peer: peerAddress(wsi))
            return 0
        case LWS_CALLBACK_RECEIVE:
            guard let user, let c = connections[user.load(as: UInt64.self)] else { return -1 }
            return receive(c, id: user.load(as: UInt64.self), input, length)
        case LWS_CALLBACK_SERVER_WRITEABLE:
            guard let user, let c = connections[user.load(as: UInt64.self)] else { return -1 }
            if c.hasOutgoing {
                guard c.writeNext() else { return -1 }
                if c.hasOutgoing || c.pendingClose != nil { lws_callback_on_writable(wsi) }
                return 0
            }
            if let close = c.pendingClose {
                _ = nd_write_close(wsi, close.code, close.reason)
                return -1
            }
            return 0
        case LWS_CALLBACK_CLOSED:
            guard let user else { return 0 }
            let id = user.load(as: UInt64.self)
            if connections.removeValue(forKey: id) != nil { delegate?.closed(id) }
            return 0
        case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
            handoff.runJobs()
            if handoff.stopRequested, let server { nd_server_break_loop(server) }
            return 0
        default:
            return lws_callback_http_dummy(wsi, reason, user, input, length)
        }
    }

    private func receive(_ c: WebSocketConnection, id: UInt64, _ input: UnsafeMutableRawPointer?, _ length: Int) -> Int32 {
        if !c.assembling {
            c.assembling = true
            c.incoming.removeAll(keepingCapacity: c.incoming.capacity <= 4096)
            c.incomingIsBinary = lws_frame_is_binary(c.wsi) != 0
        }
        guard c.incoming.count + length <= options.maxFrameBytes else {
            logger.notice("closing a connection that sent an oversized frame", metadata: ["connection": "\(id)"])
            nd_close_reason(c.wsi, 1009, "frame too large")
            return -1
        }
        if let input, length > 0 {
            c.incoming.append(contentsOf: UnsafeRawBufferPointer(start: input, count: length))
        }
        guard lws_is_final_fragment(c.wsi) != 0, lws_remaining_packet_payload(c.wsi) == 0 else { return 0 }
        c.assembling = false
        if c.incomingIsBinary {
            delegate?.receivedBinary(id)
        } else {
            delegate?.received(id, text: String(decoding: c.incoming, as: UTF8.self))
        }
        return 0
    }

    fileprivate func tick() { delegate?.tick() }

    private func header(_ wsi: OpaquePointer, _ token: lws_token_indexes) -> String? {
        var buffer = [CChar](repeating: 0, count: 1024)
        let n = buffer.withUnsafeMutableBufferPointer { nd_header(wsi, token, $0.baseAddress, Int32($0.count)) }
        guard n >= 0 else { return nil }
        return String(decoding: buffer.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
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
