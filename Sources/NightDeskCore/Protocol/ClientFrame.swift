/// Where a visitor's session came from, as the widget reports it in `hello`.
public struct LeadSource: Sendable, Equatable {
    public var page: String?
    public var referrer: String?
    public var utm: [String: String]

    public init(page: String? = nil, referrer: String? = nil, utm: [String: String] = [:]) {
        self.page = page
        self.referrer = referrer
        self.utm = utm
    }
}

/// The `hello` a client opens with.
public struct Hello: Sendable, Equatable {
    public enum Role: String, Sendable { case visitor, agent }
    public var role: Role
    public var site: String?
    public var resume: String?
    public var lastSeq: Int?
    public var source: LeadSource
    public var token: String?
}

/// One frame from a client, validated against PROTOCOL.md. `session` is
/// what agents name (they follow several chats); visitors leave it out.
public enum ClientFrame: Sendable, Equatable {
    case hello(Hello)
    case say(id: String, text: String, session: String?)
    case typing(on: Bool, session: String?)
    case leave
    case status(available: Bool)
    case accept(session: String)
    case decline(session: String)
    case lead(session: String, id: String, fields: [String: String])
    case release(session: String)
    case close(session: String, disposition: String)
    case list
    case takeover(session: String)

    /// The client's `id` of this frame, for an error's `ref`.
    public var ref: String? {
        switch self {
        case .say(let id, _, _), .lead(_, let id, _): return id
        default: return nil
        }
    }

    /// Whether only an agent may send it.
    public var isAgentFrame: Bool {
        switch self {
        case .hello, .say, .typing, .leave: return false
        default: return true
        }
    }

    static let dispositions: Set<String> = ["booked", "callback", "info", "spam", "other"]
    static let leadFieldNames: Set<String> = ["name", "phone", "email", "reason", "score"]
    /// Longest page/referrer/utm value kept: source fields are data, not a channel.
    static let maxSourceLength = 2048

    /// Parses one text frame. Unknown fields are ignored; anything missing or
    /// mistyped is a `bad_request` naming the field.
    public static func parse(_ text: String) throws(FrameRejection) -> ClientFrame {
        let parsed: JSONFields?
        do { parsed = try JSONParser.parseFields(text) } catch {
            throw FrameRejection(.badRequest, "the frame is not valid JSON (\(error.description))")
        }
        guard let fields = parsed else {
            throw FrameRejection(.badRequest, "a frame must be a JSON object with a string field \"type\"")
        }
        let ref = fields["id"]?.stringValue
        guard let type = fields["type"]?.stringValue else {
            throw FrameRejection(.badRequest, "missing string field \"type\"", ref: ref)
        }
        switch type {
        case "hello":
            do { return .hello(try parseHello(fields)) } catch {
                var rejection = error
                rejection.frameType = "hello"
                throw rejection
            }
        case "say":
            guard let id = ref else { throw FrameRejection(.badRequest, "say needs a string field \"id\"") }
            guard isFrameID(id) else {
                throw FrameRejection(.badRequest, "\"id\" must be 1 to 64 characters", ref: String(id.prefix(64)))
            }
            guard let body = fields["text"]?.stringValue else {
                throw FrameRejection(.badRequest, "say needs a string field \"text\"", ref: id)
            }
            guard !body.allSatisfy(\.isWhitespace) else {
                throw FrameRejection(.badRequest, "\"text\" is empty", ref: id)
            }
            return .say(id: id, text: body, session: try optionalSession(fields, ref: id))
        case "typing":
            guard let on = fields["on"]?.boolValue else {
                throw FrameRejection(.badRequest, "typing needs a boolean field \"on\"", ref: ref)
            }
            return .typing(on: on, session: try optionalSession(fields, ref: ref))
        case "leave": return .leave
        case "status":
            guard let available = fields["available"]?.boolValue else {
                throw FrameRejection(.badRequest, "status needs a boolean field \"available\"", ref: ref)
            }
            return .status(available: available)
        case "accept": return .accept(session: try session(fields, type, ref))
        case "decline": return .decline(session: try session(fields, type, ref))
        case "release": return .release(session: try session(fields, type, ref))
        case "takeover": return .takeover(session: try session(fields, type, ref))
        case "list": return .list
        case "close":
            let id = try session(fields, type, ref)
            guard let disposition = fields["disposition"]?.stringValue, dispositions.contains(disposition) else {
                throw FrameRejection(.badRequest, "close needs \"disposition\": booked, callback, info, spam or other", ref: ref)
            }
            return .close(session: id, disposition: disposition)
        case "lead":
            let id = try session(fields, type, ref)
            guard let frameID = ref, isFrameID(frameID) else {
                throw FrameRejection(.badRequest, "lead needs a string field \"id\" of 1 to 64 characters")
            }
            guard let given = fields["fields"]?.objectValue else {
                throw FrameRejection(.badRequest, "lead needs an object field \"fields\"", ref: frameID)
            }
            var leadFields: [String: String] = [:]
            for (key, value) in given where leadFieldNames.contains(key) {
                guard let text = value.stringValue else {
                    throw FrameRejection(.badRequest, "\"fields.\(key)\" must be a string", ref: frameID)
                }
                leadFields[key] = String(text.prefix(500))
            }
            if let score = leadFields["score"], LeadScore(rawValue: score) == nil {
                throw FrameRejection(.badRequest, "\"fields.score\" must be hot, warm or cold", ref: frameID)
            }
            return .lead(session: id, id: frameID, fields: leadFields)
        default:
            throw FrameRejection(.badRequest, "unknown frame type \"\(type.prefix(40))\"", ref: ref)
        }
    }

    /// A client's `id` for a frame: 1 to 64 characters.
    private static func isFrameID(_ id: String) -> Bool {
        !id.isEmpty && !id.hasMoreCharacters(than: 64)
    }

    private static func session(_ fields: JSONFields, _ type: String, _ ref: String?) throws(FrameRejection) -> String {
        guard let id = fields["session"]?.stringValue, !id.isEmpty else {
            throw FrameRejection(.badRequest, "\(type) needs a string field \"session\"", ref: ref)
        }
        return id
    }

    private static func optionalSession(_ fields: JSONFields, ref: String?) throws(FrameRejection) -> String? {
        guard let value = fields["session"], value != .null else { return nil }
        guard let id = value.stringValue else { throw FrameRejection(.badRequest, "\"session\" must be a string", ref: ref) }
        return id
    }

    private static func parseHello(_ fields: JSONFields) throws(FrameRejection) -> Hello {
        guard let roleText = fields["role"]?.stringValue, let role = Hello.Role(rawValue: roleText) else {
            throw FrameRejection(.badRequest, "hello needs \"role\": \"visitor\" or \"agent\"")
        }
        func optionalString(_ key: String) throws(FrameRejection) -> String? {
            guard let value = fields[key], value != .null else { return nil }
            guard let s = value.stringValue else { throw FrameRejection(.badRequest, "\"\(key)\" must be a string") }
            return s
        }
        var hello = Hello(role: role, site: nil, resume: nil, lastSeq: nil, source: LeadSource(), token: nil)
        hello.token = try optionalString("token")
        hello.resume = try optionalString("resume")
        hello.site = try optionalString("site")
        if role == .visitor, hello.site == nil {
            throw FrameRejection(.badRequest, "a visitor's hello needs a string field \"site\"")
        }
        if let last = fields["last_seq"], last != .null {
            guard let n = last.intValue, n >= 0 else {
                throw FrameRejection(.badRequest, "\"last_seq\" must be a whole number, 0 or more")
            }
            hello.lastSeq = n
        }
        hello.source.page = try optionalString("page").map { String($0.prefix(maxSourceLength)) }
        hello.source.referrer = try optionalString("referrer").map { String($0.prefix(maxSourceLength)) }
        if let utm = fields["utm"], utm != .null {
            guard let map = utm.objectValue else { throw FrameRejection(.badRequest, "\"utm\" must be an object of strings") }
            for (key, value) in map.prefix(16) {
                guard let s = value.stringValue else { throw FrameRejection(.badRequest, "\"utm.\(key.prefix(40))\" must be a string") }
                hello.source.utm[String(key.prefix(64))] = String(s.prefix(maxSourceLength))
            }
        }
        return hello
    }
}
