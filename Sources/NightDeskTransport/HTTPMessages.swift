/// An HTTP request to `/api`, as the server's delegate sees it.
public struct HTTPRequest: Sendable {
    public enum Method: String, Sendable { case get = "GET", post = "POST", other = "OTHER" }

    public var method: Method
    /// The path, without the query string ("/api/leads/l-1").
    public var path: String
    /// Query arguments, URL-decoded.
    public var query: [String: String]
    public var authorization: String?
    public var body: [UInt8]
    /// The body passed the cap and was cut off: answer 413.
    public var bodyTooLarge: Bool
    /// The client's address ("127.0.0.1"), for loopback-only pages.
    public var peer: String = ""

    public init(method: Method, path: String, query: [String: String], authorization: String?,
                body: [UInt8], bodyTooLarge: Bool, peer: String = "") {
        self.method = method
        self.path = path
        self.query = query
        self.authorization = authorization
        self.body = body
        self.bodyTooLarge = bodyTooLarge
        self.peer = peer
    }
}

/// What to send back.
public struct HTTPResponse: Sendable {
    public var status: UInt32
    public var contentType: String
    public var body: [UInt8]
    /// One extra header ("www-authenticate:", "content-disposition:"), as lws wants it: name with colon.
    public var extraHeader: (name: String, value: String)?

    public init(status: UInt32, contentType: String, body: [UInt8], extraHeader: (name: String, value: String)? = nil) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.extraHeader = extraHeader
    }
}

/// One HTTP request in progress on the service thread.
final class HTTPExchange {
    let wsi: OpaquePointer
    var request: HTTPRequest
    var response: HTTPResponse?
    var headersSent = false
    var bodyOffset = 0

    init(wsi: OpaquePointer, request: HTTPRequest) {
        self.wsi = wsi
        self.request = request
    }
}
