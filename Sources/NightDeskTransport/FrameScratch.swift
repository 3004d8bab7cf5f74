import CLibWebSockets

/// The one buffer frames written at once are copied into: lws_write needs
/// `LWS_PRE` writable bytes before the payload, which a Swift string does
/// not have. One per server, used on the service thread only, so a frame
/// costs a copy and no allocation.
final class FrameScratch {
    private var buffer: UnsafeMutableRawBufferPointer
    private let pre = nd_lws_pre()

    init(capacity: Int = 4096) {
        buffer = .allocate(byteCount: pre + capacity, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// False when the socket failed.
    func write(_ text: String, to wsi: OpaquePointer) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            if pre + utf8.count > buffer.count {
                buffer.deallocate()
                buffer = .allocate(byteCount: pre + max(utf8.count, 2 * buffer.count), alignment: 16)
            }
            guard let base = buffer.baseAddress else { return false }
            let payload = base + pre
            if let source = utf8.baseAddress { payload.copyMemory(from: source, byteCount: utf8.count) }
            return nd_write_text(wsi, payload.assumingMemoryBound(to: UInt8.self), utf8.count) >= Int32(utf8.count)
        }
    }
}
