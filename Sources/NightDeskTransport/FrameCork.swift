import CLibWebSockets

/// Frames sent during one loop turn, held per connection and written at the
/// turn's end, one send for each connection however many frames it got (a
/// connection past `flushAtBytes` is written at once, then held again).
///
/// A relayed message costs three frames (the delivery, the sender's own
/// copy, the ack), and each send over loopback also runs the receiver's TCP
/// path in the sender's time: sends were most of the server's kernel time.
/// A journal batch releases many messages in one turn, and an agent holds
/// dozens of chats, so an agent's frames of one turn go out together. The
/// wait is the rest of the turn: microseconds.
///
/// Service thread only. The frames of all connections share one buffer;
/// each connection keeps the chain of its pieces (`corkHead`, `corkTail`).
final class FrameCork {
    private struct Piece {
        var start: Int
        var length: Int
        var next: Int
    }

    private var buffer: UnsafeMutableRawBufferPointer
    private var used = 0
    private var pieces: [Piece] = []
    private var corked: [WebSocketConnection] = []
    /// Where a connection's several pieces are joined for its one send.
    private var joined: UnsafeMutableRawBufferPointer
    private let initialCapacity: Int

    init(capacity: Int = 64 * 1024) {
        initialCapacity = capacity
        buffer = .allocate(byteCount: capacity, alignment: 16)
        joined = .allocate(byteCount: capacity, alignment: 16)
    }

    deinit {
        buffer.deallocate()
        joined.deallocate()
    }

    var isEmpty: Bool { corked.isEmpty }

    /// A connection holding this much is written at once, before more is
    /// added: a peer that does not read must not collect a whole turn's
    /// burst in lws's partial-write buffer, outside the queue limits.
    static let flushAtBytes: Int32 = 64 * 1024

    /// Frames `text` (FIN, text opcode, unmasked: server to client) and
    /// holds it for `connection` until `flush`.
    func add(_ text: String, for connection: WebSocketConnection) {
        var text = text
        text.withUTF8 { payload in
            let start = used
            reserve(10 + payload.count)
            used += Self.writeHeader(payloadLength: payload.count, at: buffer.baseAddress.map { $0 + used })
            if let source = payload.baseAddress, let base = buffer.baseAddress {
                (base + used).copyMemory(from: source, byteCount: payload.count)
            }
            used += payload.count
            let index = Int32(pieces.count)
            pieces.append(Piece(start: start, length: used - start, next: -1))
            if connection.corkHead < 0 {
                connection.corkHead = index
                corked.append(connection)
            } else {
                pieces[Int(connection.corkTail)].next = Int(index)
            }
            connection.corkTail = index
            connection.corkedBytes &+= Int32(truncatingIfNeeded: used - start)
        }
    }

    /// Writes what `connection` holds now (before its close frame, say).
    /// False when the socket failed.
    func flush(_ connection: WebSocketConnection) -> Bool {
        guard connection.corkHead >= 0, let base = buffer.baseAddress else { return true }
        let head = pieces[Int(connection.corkHead)]
        connection.corkHead = -1
        connection.corkedBytes = 0
        if head.next < 0 {
            return write(base + head.start, head.length, to: connection)
        }
        var total = head.length
        var index = head.next
        while index >= 0 {
            total += pieces[index].length
            index = pieces[index].next
        }
        if total > joined.count {
            joined.deallocate()
            joined = .allocate(byteCount: total, alignment: 16)
        }
        guard let target = joined.baseAddress else { return false }
        var offset = 0
        var piece: Piece? = head
        while let current = piece {
            (target + offset).copyMemory(from: base + current.start, byteCount: current.length)
            offset += current.length
            piece = current.next >= 0 ? pieces[current.next] : nil
        }
        return write(target, total, to: connection)
    }

    /// Writes every connection's frames; `failed` hears each connection
    /// whose socket refused them. Then starts the next turn empty.
    func flushAll(failed: (WebSocketConnection) -> Void) {
        for connection in corked where !flush(connection) { failed(connection) }
        corked.removeAll(keepingCapacity: true)
        pieces.removeAll(keepingCapacity: true)
        used = 0
        // One turn's burst (a long history) must not stay allocated.
        if buffer.count > 4 * initialCapacity {
            buffer.deallocate()
            buffer = .allocate(byteCount: initialCapacity, alignment: 16)
        }
        if joined.count > 4 * initialCapacity {
            joined.deallocate()
            joined = .allocate(byteCount: initialCapacity, alignment: 16)
        }
    }

    /// Forgets a connection's frames: lws has closed it, its wsi is gone.
    func drop(_ connection: WebSocketConnection) {
        connection.corkHead = -1
        connection.corkedBytes = 0
    }

    private func write(_ bytes: UnsafeMutableRawPointer, _ count: Int, to connection: WebSocketConnection) -> Bool {
        nd_write_frames(connection.wsi, bytes.assumingMemoryBound(to: UInt8.self), count) >= Int32(count)
    }

    private func reserve(_ more: Int) {
        guard used + more > buffer.count else { return }
        let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: max(2 * buffer.count, used + more), alignment: 16)
        if let old = buffer.baseAddress, let new = grown.baseAddress { new.copyMemory(from: old, byteCount: used) }
        buffer.deallocate()
        buffer = grown
    }

    /// RFC 6455 5.2 header of a final, unmasked text frame; returns its size.
    static func writeHeader(payloadLength length: Int, at target: UnsafeMutableRawPointer?) -> Int {
        guard let target else { return 0 }
        let bytes = target.assumingMemoryBound(to: UInt8.self)
        bytes[0] = 0x81
        if length < 126 {
            bytes[1] = UInt8(length)
            return 2
        }
        if length < 65536 {
            bytes[1] = 126
            bytes[2] = UInt8(length >> 8)
            bytes[3] = UInt8(length & 0xFF)
            return 4
        }
        bytes[1] = 127
        for shift in 0..<8 { bytes[2 + shift] = UInt8((UInt64(length) >> (56 - 8 * UInt64(shift))) & 0xFF) }
        return 10
    }
}
