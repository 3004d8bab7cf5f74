import CLibWebSockets
import Dispatch

/// One WebSocket's buffers, owned by the service thread: the message being
/// reassembled from fragments, and the frames waiting for a writeable slot.
final class WebSocketConnection {
    // Stored fields are ordered so that the small ones pack together: each
    // idle session costs one of these (112 bytes with malloc's header).
    let wsi: OpaquePointer
    /// Bytes of the message being assembled; a frame may arrive in pieces.
    var incoming: [UInt8] = []
    /// Each entry has `nd_lws_pre()` bytes of headroom before the payload,
    /// which lws_write needs for the frame header.
    private var outgoing: [[UInt8]] = []
    private var outgoingHead = 0
    private(set) var queuedBytes = 0
    /// Set on the rare connection that is closing: a reference, not the
    /// tuple inline, which would cost every connection 32 bytes.
    private var closeRequest: CloseRequest?
    /// Monotonic nanoseconds of the last write that went out, or of the
    /// moment the queue went from empty to not: how long the peer has
    /// left its backlog untouched.
    private(set) var lastProgress: UInt64 = 0
    /// Monotonic nanoseconds of the last frame or pong from the peer.
    private(set) var lastHeard: UInt64
    /// When the ping since then was sent; 0: none.
    private var pingSentAtNanoseconds: UInt64 = 0
    /// This turn's frames held for it in the server's `FrameCork`: the
    /// first and last piece, -1 when none.
    var corkHead: Int32 = -1
    var corkTail: Int32 = -1
    /// Bytes held there; 0 when none.
    var corkedBytes: Int32 = 0
    var assembling = false
    var incomingIsBinary = false
    /// A ping waits to be written.
    var pingDue = false

    var pendingClose: (code: Int32, reason: String)? {
        get { closeRequest.map { ($0.code, $0.reason) } }
        set { closeRequest = newValue.map { CloseRequest(code: $0.code, reason: $0.reason) } }
    }

    var isClosing: Bool { closeRequest != nil }

    /// Has lws drop the socket on its own next turn: safe from inside
    /// another connection's callback, where closing at once is not.
    func dropSoon() {
        nd_drop_soon(wsi)
    }

    /// The ping sent since the peer was last heard, if any.
    var pingSentAt: UInt64? {
        get { pingSentAtNanoseconds == 0 ? nil : pingSentAtNanoseconds }
        set { pingSentAtNanoseconds = newValue ?? 0 }
    }

    init(wsi: OpaquePointer, now: UInt64 = DispatchTime.now().uptimeNanoseconds) {
        self.wsi = wsi
        lastHeard = now
    }

    func heard(at now: UInt64) {
        lastHeard = now
        pingSentAt = nil
    }

    var hasOutgoing: Bool { outgoingHead < outgoing.count }

    /// Nothing of ours or of lws's is waiting, so a frame written now keeps
    /// its order. lws keeps whatever the socket does not take of it and
    /// sends that before anything else.
    var canWriteAtOnce: Bool { !hasOutgoing && closeRequest == nil && lws_partial_buffered(wsi) == 0 }

    /// Writes `text` as one frame now, through `scratch`; false when the
    /// socket failed.
    func writeAtOnce(_ text: String, through scratch: FrameScratch, now: UInt64) -> Bool {
        lastProgress = now
        return scratch.write(text, to: wsi)
    }

    /// A frame goes out at the turn's end (`FrameCork`): progress, as for
    /// one written at once.
    func wroteAt(_ now: UInt64) {
        lastProgress = now
    }

    /// Writes queued frames while the socket takes them whole, at most
    /// `limit` in this writeable turn so one busy peer cannot starve the
    /// others; false when the socket failed.
    func writeQueued(limit: Int, now: UInt64 = DispatchTime.now().uptimeNanoseconds) -> Bool {
        var written = 0
        while hasOutgoing, written < limit {
            guard writeNext(now: now) else { return false }
            written += 1
            if lws_partial_buffered(wsi) != 0 { break }
        }
        return true
    }

    func enqueue(_ text: String, now: UInt64 = DispatchTime.now().uptimeNanoseconds) {
        if !hasOutgoing { lastProgress = now }
        let pre = nd_lws_pre()
        var frame = [UInt8](repeating: 0, count: pre)
        frame.append(contentsOf: text.utf8)
        queuedBytes += frame.count - pre
        outgoing.append(frame)
    }

    /// Forgets every queued frame: for a peer that stopped reading, whose
    /// backlog would otherwise wait (in memory) for a drain that never comes.
    func discardOutgoing() {
        outgoing = []
        outgoingHead = 0
        queuedBytes = 0
    }

    /// Writes one queued frame; false when the socket failed.
    func writeNext(now: UInt64 = DispatchTime.now().uptimeNanoseconds) -> Bool {
        lastProgress = now
        guard hasOutgoing else { return true }
        let pre = nd_lws_pre()
        let length = outgoing[outgoingHead].count - pre
        let written = outgoing[outgoingHead].withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return nd_write_text(wsi, base + pre, length)
        }
        queuedBytes -= length
        outgoing[outgoingHead] = []
        outgoingHead += 1
        if outgoingHead == outgoing.count {
            outgoing.removeAll(keepingCapacity: outgoing.count <= 16)
            outgoingHead = 0
        } else if outgoingHead >= 64, outgoingHead * 2 >= outgoing.count {
            outgoing.removeFirst(outgoingHead)
            outgoingHead = 0
        }
        return written >= Int32(length)
    }
}

/// A close asked for, waiting for the queued frames before it.
final class CloseRequest {
    let code: Int32
    let reason: String

    init(code: Int32, reason: String) {
        self.code = code
        self.reason = reason
    }
}
