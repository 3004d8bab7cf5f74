extension ServerSettings {
    /// True when the server listens where other machines can reach it and
    /// speaks plain HTTP: chats, with patients' names and numbers, would
    /// cross the network unencrypted.
    public var exposesPlainText: Bool {
        guard tlsCertificate == nil else { return false }
        let loopback = host == "localhost" || host == "::1" || host.hasPrefix("127.")
        return !loopback
    }
}
