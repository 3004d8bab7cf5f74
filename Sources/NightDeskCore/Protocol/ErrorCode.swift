/// The `error.code` values of PROTOCOL.md.
public enum ErrorCode: String, Sendable {
    case badRequest = "bad_request"
    case helloRequired = "hello_required"
    case unauthorized
    case unknownSite = "unknown_site"
    case unknownSession = "unknown_session"
    case notAssigned = "not_assigned"
    case conflict
    case tooLarge = "too_large"
    case rateLimited = "rate_limited"
    case unavailable
}

/// A client frame the relay refuses, and what to tell the client.
public struct FrameRejection: Error, Equatable {
    public var code: ErrorCode
    public var message: String
    public var ref: String?
    /// The frame's `type` when it had a valid one: a malformed `hello` is a
    /// `bad_request`, not a missing hello.
    public var frameType: String?

    public init(_ code: ErrorCode, _ message: String, ref: String? = nil) {
        self.code = code
        self.message = message
        self.ref = ref
    }
}
