/// How many WebSockets are open, in total and per peer address, and whether
/// one more may open. Owned by the service thread; no lock.
public struct ConnectionCounter: Sendable {
    /// Which limit refused a connection, in the words of the config keys.
    public enum Limit: String, Sendable {
        case total = "max_connections"
        case perAddress = "max_connections_per_ip"
    }

    public var maxTotal: Int
    public var maxPerAddress: Int
    public private(set) var total = 0
    private var byAddress: [String: Int] = [:]

    public init(maxTotal: Int, maxPerAddress: Int) {
        self.maxTotal = maxTotal
        self.maxPerAddress = maxPerAddress
    }

    /// The limit one more connection from `address` would pass, or nil.
    /// The per-address limit is checked first: a flooding address is told
    /// about its own limit, not the server's.
    public func refusal(for address: String) -> Limit? {
        if byAddress[address, default: 0] >= maxPerAddress { return .perAddress }
        if total >= maxTotal { return .total }
        return nil
    }

    public func count(for address: String) -> Int { byAddress[address, default: 0] }

    public mutating func opened(_ address: String) {
        total += 1
        byAddress[address, default: 0] += 1
    }

    public mutating func closed(_ address: String) {
        guard let n = byAddress[address] else { return }
        total -= 1
        byAddress[address] = n > 1 ? n - 1 : nil
    }
}
