import CLibWebSockets
import Foundation
import Synchronization

/// A WebSocket client over libwebsockets' client API, speaking
/// `nightdesk.v1`: one service thread runs the loop, every lws call and
/// every delegate call happens on it, and `connect`, `send`, `close` and
/// `post` may be called from any thread (they queue work for the loop).
/// One connection at a time; `connect` again after its report to reconnect.
///
/// `@unchecked Sendable` is safe because the state that is not thread-safe
/// (`delegate`, `attempt`, `nextAttempt`, `client`'s lws objects) is
/// touched only on the service thread (every path to it starts in an lws
/// callback, in this file or +Callbacks, or in a posted job), and what other
/// threads touch is `handoff` (Sendable: Mutexes and an Atomic, which also
/// guards waking the lws context against its destruction).
public final class WebSocketClient: @unchecked Sendable {
    public let options: WebSocketClientOptions
    let handoff = ServiceThreadHandoff()
    /// Service thread only. Other threads wake the loop through `handoff`,
    /// which holds the context's address until just before it is destroyed.
    var client: UnsafeMutablePointer<nd_client>?
    var threadIdentity: LoopThreadIdentity { handoff.threadIdentity }

    var delegate: (any WebSocketClientDelegate)?
    var attempt: WebSocketClientAttempt?
    private var nextAttempt: UInt = 1

    public init(options: WebSocketClientOptions) {
        self.options = options
    }

    public var isOnServiceThread: Bool { handoff.isOnServiceThread }

    /// Creates the lws context and starts the service thread; `makeDelegate`
    /// runs on that thread, so what it builds may be loop-bound. Does not
    /// connect: call `connect`.
    public func start(makeDelegate: @escaping @Sendable (WebSocketClient) -> any WebSocketClientDelegate) throws(WebSocketClientError) {
        if let caFile = options.caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw WebSocketClientError("cannot read the CA file \(caFile)")
        }
        WebSocketClientLog.sink.withLock { $0 = options.libraryLog }
        let ready = DispatchSemaphore(value: 0)
        let failed = Atomic<Bool>(false)
        let thread = Thread { [self] in
            handoff.enterServiceThread()
            guard let created = createContext() else {
                failed.store(true, ordering: .releasing)
                ready.signal()
                handoff.signalFinished()
                return
            }
            client = created
            handoff.serving(created.pointee.context)
            delegate = makeDelegate(self)
            nd_client_start_ticks(created, webSocketClientTick, Unmanaged.passUnretained(self).toOpaque(), options.tickMicroseconds)
            ready.signal()
            serve(created)
        }
        thread.name = "nightdesk-client"
        thread.start()
        ready.wait()
        if failed.load(ordering: .acquiring) {
            throw WebSocketClientError("could not set up libwebsockets' client (out of memory, or the TLS setup failed)")
        }
    }

    private func createContext() -> UnsafeMutablePointer<nd_client>? {
        withClientCString(options.caFile) { caFile in
            var o = nd_client_options()
            o.ca_file = caFile
            o.use_tls = options.useTLS ? 1 : 0
            o.rx_buffer_size = 4096
            o.ping_seconds = UInt16(clamping: options.pingSeconds)
            o.hangup_seconds = UInt16(clamping: options.hangupSeconds)
            o.connect_seconds = UInt32(clamping: max(1, options.connectSeconds))
            o.user = Unmanaged.passUnretained(self).toOpaque()
            o.callback = webSocketClientCallback
            o.log = WebSocketClientLog.emit
            return nd_client_create(&o)
        }
    }

    private func serve(_ created: UnsafeMutablePointer<nd_client>) {
        while !handoff.stopRequested {
            if nd_client_run(created) < 0 { break }
        }
        handoff.drainAndClose()
        // Destroying the context closes a live connection; nobody is left
        // to hear about it.
        delegate = nil
        nd_client_destroy(created)
        attempt = nil
        handoff.signalFinished()
    }

    // MARK: Any thread

    /// Opens a connection unless one is open or opening.
    public func connect() {
        post { [self] in connectNow() }
    }

    /// Queues a text frame on the open connection. Frames sent while there
    /// is none are dropped: the caller learns of the connection from
    /// `connected` and sends what it must again then.
    public func send(_ text: String) {
        post { [self] in sendNow(text) }
    }

    /// Closes with a Close frame after the queued frames are written; a
    /// connection still in its handshake is dropped. The delegate hears
    /// `closed` or `connectionFailed` as usual.
    public func close(code: UInt16 = 1000, reason: String = "") {
        post { [self] in closeNow(code: code, reason: reason) }
    }

    /// Ends the service thread, dropping any connection without a Close
    /// frame (call `close` and await `closed` first for a clean goodbye).
    public func stop() {
        handoff.requestStop()
    }

    public func waitUntilStopped() {
        handoff.waitUntilFinished()
    }

    /// Runs `job` on the service thread soon.
    public func post(_ job: @escaping @Sendable () -> Void) {
        handoff.post(job)
    }



    // MARK: Service thread

    private func connectNow() {
        guard attempt == nil, let client, !handoff.stopRequested else { return }
        let current = WebSocketClientAttempt(id: nextAttempt)
        nextAttempt += 1
        attempt = current
        let wsi = options.host.withCString { host in
            options.hostHeader.withCString { hostHeader in
                options.path.withCString { path in
                    nd_client_connect(client, host, Int32(options.port), hostHeader, path,
                                      options.useTLS ? 1 : 0, UInt(current.id))
                }
            }
        }
        // A failure inside the call may already have been reported.
        guard attempt === current else { return }
        guard let wsi else {
            finish(current, failure: "could not start a connection to \(options.url)")
            return
        }
        current.wsi = wsi
        if current.cancelled { nd_drop_soon(wsi) }
    }

    private func sendNow(_ text: String) {
        guard let c = attempt?.connection, !c.isClosing else { return }
        c.enqueue(text)
        lws_callback_on_writable(c.wsi)
    }

    private func closeNow(code: UInt16, reason: String) {
        guard let current = attempt else { return }
        let trimmed = String(reason.utf8.prefix(100)) ?? ""
        if let c = current.connection {
            guard !c.isClosing else { return }
            c.pendingClose = (Int32(code), trimmed)
            lws_callback_on_writable(c.wsi)
        } else {
            current.cancelled = true
            if let wsi = current.wsi { nd_drop_soon(wsi) }
        }
    }

    /// The one report of an attempt; clears it first so that the delegate
    /// may `connect` again from inside the call.
    func finish(_ finished: WebSocketClientAttempt, failure: String? = nil) {
        guard attempt === finished else { return }
        attempt = nil
        if finished.connection != nil, failure == nil {
            let status = finished.closeStatus
            delegate?.closed(code: status.code, reason: status.reason)
        } else {
            delegate?.connectionFailed(finished.cancelled ? "cancelled" : failure ?? "connection closed during the handshake")
        }
    }
}

private func withClientCString<R>(_ s: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let s else { return body(nil) }
    return s.withCString { body($0) }
}
