import CLibWebSockets
import Dispatch

/// Incoming frames (service thread).
extension WebSocketServer {
    func receive(_ c: WebSocketConnection, id: UInt64, _ input: UnsafeMutableRawPointer?, _ length: Int) -> Int32 {
        c.heard(at: DispatchTime.now().uptimeNanoseconds)
        // Nearly every message arrives whole in one callback: read it from
        // lws's buffer directly, with no copy kept on the connection (an
        // idle session would otherwise hold its hello's bytes for hours).
        if !c.assembling, lws_is_final_fragment(c.wsi) != 0, lws_remaining_packet_payload(c.wsi) == 0 {
            guard length <= options.maxFrameBytes else { return refuseOversized(c, id: id) }
            deliver(id, UnsafeRawBufferPointer(start: input, count: input == nil ? 0 : length), binary: lws_frame_is_binary(c.wsi) != 0)
            return 0
        }
        if !c.assembling {
            c.assembling = true
            c.incoming = []
            c.incomingIsBinary = lws_frame_is_binary(c.wsi) != 0
        }
        // The frame header announces the rest of this frame: a message that
        // will not fit is refused now, not after the peer has sent (or kept
        // us waiting for) bytes it cannot be allowed to send.
        let announced = Int(clamping: lws_remaining_packet_payload(c.wsi))
        guard c.incoming.count + length + announced <= options.maxFrameBytes else { return refuseOversized(c, id: id) }
        if let input, length > 0 {
            c.incoming.append(contentsOf: UnsafeRawBufferPointer(start: input, count: length))
        }
        guard lws_is_final_fragment(c.wsi) != 0, lws_remaining_packet_payload(c.wsi) == 0 else { return 0 }
        c.assembling = false
        let message = c.incoming
        c.incoming = []
        message.withUnsafeBytes { deliver(id, $0, binary: c.incomingIsBinary) }
        return 0
    }

    private func deliver(_ id: UInt64, _ message: UnsafeRawBufferPointer, binary: Bool) {
        if binary {
            delegate?.receivedBinary(id)
        } else {
            delegate?.received(id, text: String(decoding: message, as: UTF8.self))
        }
    }

    private func refuseOversized(_ c: WebSocketConnection, id: UInt64) -> Int32 {
        logger.notice("closing a connection that sent an oversized frame", metadata: ["connection": "\(id)"])
        delegate?.limitHit("max_frame_bytes")
        nd_close_reason(c.wsi, 1009, "frame too large")
        return -1
    }

    /// lws 4.1.6 echoes any Close payload as it came, even a 1-byte one,
    /// which RFC 6455 5.5.1 makes a protocol error (the status code is two
    /// bytes). Answering 1002 ourselves keeps the closing handshake valid.
    func peerClosed(_ wsi: OpaquePointer, _ input: UnsafeMutableRawPointer?, _ length: Int) -> Int32 {
        guard length == 1 else { return 0 }
        nd_close_reason(wsi, 1002, "close payload of 1 byte")
        return -1
    }
}
