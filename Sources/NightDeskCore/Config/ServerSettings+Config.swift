import Foundation

extension ServerSettings {
    static let configKeys = [
        "host", "port", "data", "public", "tls_cert", "tls_key", "max_frame_bytes", "max_text_chars",
        "hello_timeout_seconds", "ping_interval_seconds", "ping_hangup_seconds", "frames_per_minute",
        "offer_timeout_seconds", "agent_grace_seconds", "max_connections", "max_connections_per_ip",
        "metrics_token", "max_queued_bytes",
    ]

    /// Applies the `[server]` keys over the defaults.
    mutating func apply(_ section: ConfigSection, problems: inout ConfigProblemList) {
        var fields = ConfigFields(section, problems: problems)
        defer { problems = fields.problems }
        fields.reportUnknownKeys(allowed: Self.configKeys)

        host = fields.string("host") ?? host
        port = fields.integer("port", in: 0...65535, rule: "between 0 and 65535 (0 picks any free port)") ?? port
        dataDirectory = fields.string("data") ?? dataDirectory
        publicDirectory = fields.string("public") ?? publicDirectory
        tlsCertificate = fields.string("tls_cert") ?? tlsCertificate
        tlsKey = fields.string("tls_key") ?? tlsKey
        // Caps keep values sane for the C libraries and timers downstream,
        // and keep every journal record far below what recovery accepts
        // (a message's text, escaped, is at most 6 times its frame).
        maxFrameBytes = fields.integer(
            "max_frame_bytes", in: 1...1_048_576, rule: "between 1 and 1048576 (1 MiB)"
        ) ?? maxFrameBytes
        maxTextCharacters = fields.integer(
            "max_text_chars", in: 1...100_000, rule: "between 1 and 100000"
        ) ?? maxTextCharacters
        helloTimeout = fields.seconds("hello_timeout_seconds", maximum: 3600) ?? helloTimeout
        pingInterval = fields.integer(
            "ping_interval_seconds", in: 1...86400, rule: "a whole number of seconds between 1 and 86400"
        ) ?? pingInterval
        pingHangup = fields.integer(
            "ping_hangup_seconds", in: 1...86400, rule: "a whole number of seconds between 1 and 86400"
        ) ?? pingHangup
        framesPerMinute = fields.integer(
            "frames_per_minute", in: 1...1_000_000, rule: "between 1 and 1000000"
        ) ?? framesPerMinute
        offerTimeout = fields.seconds("offer_timeout_seconds", maximum: 3600) ?? offerTimeout
        agentGrace = fields.seconds("agent_grace_seconds", maximum: 3600) ?? agentGrace
        maxConnections = fields.integer(
            "max_connections", in: 1...1_000_000, rule: "between 1 and 1000000"
        ) ?? maxConnections
        maxConnectionsPerAddress = fields.integer(
            "max_connections_per_ip", in: 1...1_000_000, rule: "between 1 and 1000000"
        ) ?? maxConnectionsPerAddress
        maxQueuedBytes = fields.integer(
            "max_queued_bytes", in: 65_536...268_435_456, rule: "between 65536 (64 KiB) and 268435456 (256 MiB)"
        ) ?? maxQueuedBytes
        metricsToken = fields.string("metrics_token") ?? metricsToken
        if let token = metricsToken, token.utf8.count < 16, let entry = fields.entry("metrics_token") {
            fields.problems.add("'metrics_token' must be at least 16 characters: it guards the metrics page", at: entry.valuePosition)
        }

        if pingHangup < pingInterval,
           let entry = fields.entry("ping_hangup_seconds") ?? fields.entry("ping_interval_seconds") {
            fields.problems.add(
                "'ping_hangup_seconds' (\(pingHangup)) must be at least 'ping_interval_seconds' (\(pingInterval)): a peer must get a ping before it is dropped",
                at: entry.valuePosition
            )
        }
        Self.checkPair(fields.entry("tls_cert"), fields.entry("tls_key"), problems: &fields.problems)
    }

    /// A certificate without its key (or the reverse) is a half-done TLS
    /// setup; refusing it beats silently serving plain ws://.
    private static func checkPair(_ cert: ConfigEntry?, _ key: ConfigEntry?, problems: inout ConfigProblemList) {
        if let cert, key == nil {
            problems.add("'tls_cert' is set but 'tls_key' is not; set both for TLS, or neither", at: cert.position)
        }
        if let key, cert == nil {
            problems.add("'tls_key' is set but 'tls_cert' is not; set both for TLS, or neither", at: key.position)
        }
    }
}
