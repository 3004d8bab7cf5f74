/// Checks an allowed-origin entry. Browsers send `Origin` as
/// `scheme://host[:port]`, lowercase, without the default port, and sites
/// match it exactly, so anything else in the config would never match.
enum OriginRule {
    /// Why `origin` can never match a browser's Origin header; nil if it can.
    static func problem(with origin: String) -> String? {
        let shown = origin.quotedForMessage
        let usage = "write scheme://host[:port] with no path, like https://www.example.com"
        if origin == "*" {
            return "'*' is not an origin; leave 'origins' out to allow any origin"
        }
        guard let separator = origin.range(of: "://") else {
            return "\(shown) is not an origin; \(usage)"
        }
        let scheme = origin[..<separator.lowerBound]
        let authority = origin[separator.upperBound...]
        guard let first = scheme.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first),
              scheme.unicodeScalars.allSatisfy(isSchemeScalar)
        else {
            return "\(shown) is not an origin: bad scheme; \(usage)"
        }
        if let slash = authority.firstIndex(where: { "/?#".contains($0) }) {
            let path = String(authority[slash...])
            return "\(shown) is not an origin: remove \(path.quotedForMessage); \(usage)"
        }
        let (host, port) = split(authority)
        guard !host.isEmpty, host.unicodeScalars.allSatisfy(isHostScalar) else {
            return "\(shown) is not an origin: bad host; \(usage)"
        }
        if let port {
            guard !port.isEmpty, port.count <= 5, port.allSatisfy(\.isASCII), let number = Int(port),
                  (1...65535).contains(number)
            else {
                return "\(shown) is not an origin: the port must be 1 to 65535; \(usage)"
            }
            let defaultPort = ["http": 80, "https": 443][scheme.lowercased()]
            if number == defaultPort {
                return "\(shown) will never match: browsers leave out the default port \(number); write \(scheme)://\(host)"
            }
        }
        if origin != origin.lowercased() {
            return "\(shown) will never match: browsers send origins in lowercase; write \(origin.lowercased().quotedForMessage)"
        }
        return nil
    }

    /// Host and optional port; an IPv6 host keeps its brackets.
    private static func split(_ authority: Substring) -> (host: Substring, port: Substring?) {
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            let host = authority[...close]
            let rest = authority[authority.index(after: close)...]
            if rest.isEmpty { return (host, nil) }
            return rest.hasPrefix(":") ? (host, rest.dropFirst()) : ("", nil)
        }
        guard let colon = authority.lastIndex(of: ":") else { return (authority, nil) }
        return (authority[..<colon], authority[authority.index(after: colon)...])
    }

    private static func isSchemeScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || "+.-".unicodeScalars.contains(scalar)
    }

    private static func isHostScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || ".-_[]:".unicodeScalars.contains(scalar)
    }
}
