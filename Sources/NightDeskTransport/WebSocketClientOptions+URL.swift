import Foundation

extension WebSocketClientOptions {
    /// Parses `ws://HOST[:PORT][/PATH]` or `wss://...`; `http://` and
    /// `https://` are taken as their WebSocket twins, so the URL the server
    /// prints ("listening on http://127.0.0.1:8080/") works as it is. An
    /// empty path or `/` means `/ws`, where the server speaks the protocol.
    public init(url: String, caFile: String? = nil) throws(WebSocketClientError) {
        let text = url.trimmingCharacters(in: .whitespaces)
        guard let schemeEnd = text.range(of: "://") else {
            throw WebSocketClientError("\(url.debugDescription) is not a URL: expected ws://HOST:PORT or wss://HOST:PORT")
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        let tls: Bool
        switch scheme {
        case "ws", "http": tls = false
        case "wss", "https": tls = true
        default: throw WebSocketClientError("unsupported scheme \(scheme.debugDescription): use ws:// or wss://")
        }
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = String(rest[..<authorityEnd])
        var path = String(rest[authorityEnd...])
        if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
        if path.isEmpty || path == "/" { path = "/ws" }
        if path.hasPrefix("?") { path = "/ws" + path }
        guard !authority.contains("@") else {
            throw WebSocketClientError("the URL must not carry a user or password; the token comes from --token-file or NIGHTDESK_AGENT_TOKEN")
        }
        let (host, portText) = try Self.split(authority: authority)
        let port: Int
        if let portText {
            guard let p = Int(portText), (1...65535).contains(p) else {
                throw WebSocketClientError("bad port \(portText.debugDescription) in \(url.debugDescription)")
            }
            port = p
        } else {
            port = tls ? 443 : 80
        }
        guard path.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw WebSocketClientError("the path of \(url.debugDescription) has spaces or control characters")
        }
        self.init(host: host, port: port, path: path, useTLS: tls, caFile: caFile)
    }

    private static func split(authority: String) throws(WebSocketClientError) -> (String, String?) {
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw WebSocketClientError("unclosed '[' in host \(authority.debugDescription)")
            }
            let host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                throw WebSocketClientError("bad IPv6 address \(authority.debugDescription)")
            }
            if after.isEmpty { return (host, nil) }
            guard after.hasPrefix(":") else { throw WebSocketClientError("bad host \(authority.debugDescription)") }
            return (host, String(after.dropFirst()))
        }
        let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let first = parts.first, !first.isEmpty else {
            throw WebSocketClientError("missing or bad host in \(authority.debugDescription)")
        }
        let allowed = first.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-" || $0 == "_"
        }
        guard allowed else { throw WebSocketClientError("bad host name \(String(first).debugDescription)") }
        return (String(first), parts.count == 2 ? String(parts[1]) : nil)
    }
}
