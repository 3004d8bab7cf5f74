/// Secrets and identifiers for sessions. Injected: the server draws from
/// OpenSSL's generator, tests from a counter.
public protocol TokenSource {
    /// A secret of at least 128 random bits, URL-safe.
    mutating func newSecret() -> String
    /// An opaque identifier, unique in practice.
    mutating func newIdentifier() -> String
    /// A one-way hash of a secret, for storing and looking it up.
    func hash(_ secret: String) -> String
}
