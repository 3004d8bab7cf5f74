import COpenSSL
import NightDeskCore

/// Secrets from OpenSSL's generator, hashed with SHA-256 before they are
/// stored or used as a lookup key.
public struct OpenSSLTokens: TokenSource, Sendable {
    /// Random bytes drawn ahead, 4 KiB at a time: each RAND_bytes call costs
    /// a DRBG round and a getpid (OpenSSL's fork check), and a new session
    /// took two of them. The bytes are used once each, in order. The pool
    /// is part of the value: a copy would hand out the same bytes again, so
    /// keep one (the relay holds it) and never copy it.
    private var pool: [UInt8] = []
    private var poolUsed = 0
    private static let poolBytes = 4096

    public init() {}

    /// 192 random bits, base64url: comfortably past the 128 the protocol asks.
    public mutating func newSecret() -> String { Self.base64url(draw(24)) }

    /// 65 random bits in 13 characters of lowercase base32: unique in
    /// practice, safe in file names on any file system, and with its "s-"
    /// 15 bytes, which Swift keeps inline. A session's id is held by its
    /// session, its tabs' connections and two indexes: 24 hex digits put
    /// each copy on the heap, about 64 bytes a session.
    public mutating func newIdentifier() -> String {
        String(decoding: draw(13).map { Self.base32Alphabet[Int($0 & 31)] }, as: UTF8.self)
    }

    private mutating func draw(_ count: Int) -> [UInt8] {
        if pool.count - poolUsed < count {
            pool = Self.random(max(count, Self.poolBytes))
            poolUsed = 0
        }
        defer {
            // Used bytes are overwritten, so a later memory disclosure shows
            // no token already handed out.
            for i in poolUsed..<(poolUsed + count) { pool[i] = 0 }
            poolUsed += count
        }
        return Array(pool[poolUsed..<(poolUsed + count)])
    }

    public func hash(_ secret: String) -> String {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        let bytes = Array(secret.utf8)
        _ = bytes.withUnsafeBufferPointer { input in
            digest.withUnsafeMutableBufferPointer { SHA256(input.baseAddress, input.count, $0.baseAddress) }
        }
        return Self.hex(digest)
    }

    /// Constant-time equality, for comparing a presented secret's hash.
    public static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return CRYPTO_memcmp(x, y, x.count) == 0
    }

    static func random(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let ok = bytes.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32(count)) }
        if ok != 1 {
            // OpenSSL's pool failing is a local fault; the kernel's generator
            // (getrandom) is an equally strong source.
            var generator = SystemRandomNumberGenerator()
            for i in bytes.indices { bytes[i] = generator.next() }
        }
        return bytes
    }

    // Byte tables, built once: an Array of Characters made per call (as
    // these were) cost more than the SHA-256 itself, on every new session.
    private static let hexDigits = Array("0123456789abcdef".utf8)
    private static let base32Alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)
    private static let base64urlAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func hex(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(hexDigits[Int(b >> 4)])
            out.append(hexDigits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Unpadded; `bytes.count` is a multiple of 3 for every caller.
    static func base64url(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 3 * 4)
        var i = 0
        while i + 2 < bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out.append(base64urlAlphabet[Int((n >> 18) & 63)])
            out.append(base64urlAlphabet[Int((n >> 12) & 63)])
            out.append(base64urlAlphabet[Int((n >> 6) & 63)])
            out.append(base64urlAlphabet[Int(n & 63)])
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
