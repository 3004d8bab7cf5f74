import CLibWebSockets

/// libwebsockets' callbacks for the client, all on the service thread:
/// which attempt a wsi belongs to, the handshake, reassembly with a cap,
/// the write path (Close frames included) and the single report.
extension WebSocketClient {
    /// The attempt a client callback is about, if it is the current one.
    private func current(_ wsi: OpaquePointer) -> WebSocketClientAttempt? {
        guard let attempt, nd_client_attempt(wsi) == UInt(attempt.id) else { return nil }
        return attempt
    }

    func handle(_ wsi: OpaquePointer, _ reason: lws_callback_reasons, _ user: UnsafeMutableRawPointer?,
                            _ input: UnsafeMutableRawPointer?, _ length: Int) -> Int32 {
        switch reason {
        case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
            handoff.runJobs()
            if handoff.stopRequested, let client { nd_client_break_loop(client) }
            return 0
        case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
            if let a = current(wsi) { finish(a, failure: describeError(input, length)) }
            return 0
        case LWS_CALLBACK_CLIENT_ESTABLISHED:
            guard let a = current(wsi) else { return -1 }
            let c = WebSocketConnection(wsi: wsi)
            a.connection = c
            a.wsi = wsi
            if a.cancelled {
                c.pendingClose = (1000, "")
                lws_callback_on_writable(wsi)
                return 0
            }
            delegate?.connected()
            return 0
        case LWS_CALLBACK_CLIENT_RECEIVE:
            guard let a = current(wsi), let c = a.connection else { return -1 }
            return receive(a, c, input, length)
        case LWS_CALLBACK_CLIENT_WRITEABLE:
            guard let a = current(wsi), let c = a.connection else { return -1 }
            if c.hasOutgoing {
                guard c.writeNext() else { return -1 }
                if c.hasOutgoing || c.isClosing { lws_callback_on_writable(wsi) }
                return 0
            }
            if let close = c.pendingClose {
                a.localClose = (UInt16(clamping: close.code), close.reason)
                // From inside the writeable callback lws would drop the
                // socket with no Close frame: write it ourselves.
                _ = nd_write_close(wsi, close.code, close.reason)
                return -1
            }
            return 0
        case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
            if let a = current(wsi) { a.peerClose = parseClose(input, length) }
            return 0
        case LWS_CALLBACK_CLIENT_CLOSED:
            if let a = current(wsi) { finish(a, failure: a.connection == nil ? "connection closed during the handshake" : nil) }
            return 0
        case LWS_CALLBACK_WSI_DESTROY:
            // The last word on a wsi: should lws ever free one without
            // CLOSED or CONNECTION_ERROR, the caller still hears of it.
            if let a = current(wsi) { finish(a, failure: a.connection == nil ? "connection dropped" : nil) }
            return 0
        default:
            return lws_callback_http_dummy(wsi, reason, user, input, length)
        }
    }

    private func receive(_ a: WebSocketClientAttempt, _ c: WebSocketConnection,
                         _ input: UnsafeMutableRawPointer?, _ length: Int) -> Int32 {
        // Past the cap, the rest is dropped until our Close goes out.
        guard !c.isClosing else { return 0 }
        if !c.assembling {
            c.assembling = true
            c.incoming.removeAll(keepingCapacity: c.incoming.capacity <= 4096)
            c.incomingIsBinary = lws_frame_is_binary(c.wsi) != 0
        }
        guard c.incoming.count + length <= options.maxMessageBytes else {
            // Returning -1 here makes lws 4.1 on libuv free the wsi while
            // it still parses the read buffer (a crash, seen in tests):
            // close from the writeable callback, as every other close.
            c.incoming = []
            c.assembling = false
            c.pendingClose = (1009, "message too large")
            lws_callback_on_writable(c.wsi)
            return 0
        }
        if let input, length > 0 {
            c.incoming.append(contentsOf: UnsafeRawBufferPointer(start: input, count: length))
        }
        guard lws_is_final_fragment(c.wsi) != 0, lws_remaining_packet_payload(c.wsi) == 0 else { return 0 }
        c.assembling = false
        // nightdesk.v1 has no binary frames; one from the server is ignored
        // rather than guessed at.
        if !c.incomingIsBinary {
            delegate?.received(text: String(decoding: c.incoming, as: UTF8.self))
        }
        return 0
    }

    func tick() { delegate?.tick() }

    private func describeError(_ input: UnsafeMutableRawPointer?, _ length: Int) -> String {
        // lws passes its message with its length (a NUL may come earlier).
        guard let input, length > 0 else { return "connection failed" }
        let bytes = UnsafeRawBufferPointer(start: input, count: min(length, 512)).prefix { $0 != 0 }
        let text = String(decoding: bytes, as: UTF8.self)
        return text.isEmpty ? "connection failed" : text
    }

    private func parseClose(_ input: UnsafeMutableRawPointer?, _ length: Int) -> (code: UInt16, reason: String) {
        guard let input, length >= 2 else { return (1005, "") }
        let bytes = UnsafeRawBufferPointer(start: input, count: length)
        let code = UInt16(bytes[0]) << 8 | UInt16(bytes[1])
        return (code, String(decoding: bytes.dropFirst(2), as: UTF8.self))
    }
}

/// The C entry points: lws finds the client through the context user pointer.
let webSocketClientCallback: nd_lws_callback = { wsi, reason, user, input, length in
    guard let wsi, let context = lws_get_context(wsi), let raw = lws_context_user(context) else {
        return lws_callback_http_dummy(wsi, reason, user, input, length)
    }
    return Unmanaged<WebSocketClient>.fromOpaque(raw).takeUnretainedValue().handle(wsi, reason, user, input, length)
}

let webSocketClientTick: nd_tick_fn = { raw in
    guard let raw else { return }
    Unmanaged<WebSocketClient>.fromOpaque(raw).takeUnretainedValue().tick()
}
