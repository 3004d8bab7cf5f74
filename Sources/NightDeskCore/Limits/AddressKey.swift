/// The key under which connections from one client are counted.
///
/// IPv4 addresses count one by one (an IPv4-mapped IPv6 address is its IPv4
/// address). IPv6 addresses count by their /64 prefix: a single customer or
/// host usually holds a whole /64, so counting each address would let one
/// attacker open `max_connections_per_ip` connections from each of 2^64
/// addresses.
public enum AddressKey {
    public static func of(_ peer: String) -> String {
        let upper = peer.utf8.contains { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
        // IPv4, nearly every peer: nothing to fold or group, so skip the
        // lower-casing and Character searches (15k instructions a connection).
        if !upper, !peer.utf8.contains(colon) { return peer }
        let lowered = upper ? peer.lowercased() : peer
        // An IPv4 client of a listener on both stacks, as lws spells it.
        if lowered.utf8.starts(with: mappedPrefix), lowered.utf8.dropFirst(mappedPrefix.count).contains(UInt8(ascii: ".")) {
            return String(lowered.dropFirst(mappedPrefix.count))
        }
        guard lowered.utf8.contains(colon), let groups = expand(lowered) else { return lowered }
        return groups.prefix(4).map { String($0, radix: 16) }.joined(separator: ":") + "::/64"
    }

    private static let colon = UInt8(ascii: ":")
    private static let mappedPrefix = Array("::ffff:".utf8)

    /// The 8 groups of an IPv6 address in text form, or nil if it is not one.
    static func expand(_ text: String) -> [UInt16]? {
        let address = text.split(separator: "%", maxSplits: 1).first.map(String.init) ?? text  // zone id
        let halves = address.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var out: [UInt16] = []
            for piece in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(piece.count), let value = UInt16(piece, radix: 16) else { return nil }
                out.append(value)
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 8 ? head : nil }
        guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
        return head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
    }
}
