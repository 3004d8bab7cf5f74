/// An on-call agent as the operator set them up: who, which practices,
/// how many chats at once, and the hash of their secret.
public struct AgentCredential: Sendable, Equatable {
    public var id: String
    public var name: String
    public var sites: [String]
    public var capacity: Int
    /// SHA-256 of the agent's token, hex; the token itself is never stored.
    public var tokenHash: String
    public var revoked: Bool

    public init(id: String, name: String, sites: [String], capacity: Int, tokenHash: String, revoked: Bool = false) {
        self.id = id
        self.name = name
        self.sites = sites
        self.capacity = capacity
        self.tokenHash = tokenHash
        self.revoked = revoked
    }
}

/// Equality of two hashes that takes the same time wherever they differ,
/// so response timing says nothing about a stored hash.
func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var difference: UInt8 = 0
    for i in x.indices { difference |= x[i] ^ y[i] }
    return difference == 0
}
