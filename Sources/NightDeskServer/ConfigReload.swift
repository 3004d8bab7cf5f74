import NightDeskCore

/// What a config reload may change while the server runs, and what it may not.
///
/// The listening socket, TLS context, data directory, static files, frame
/// size and ping timers are set when lws's context is made; changing them
/// means a new context, which would drop every chat. Everything the relay
/// and the connection counter read per event can change at once.
enum ConfigReload {
    /// The `[server]` keys whose new value waits for a restart.
    static func needsRestart(from old: ServerSettings, to new: ServerSettings) -> [String] {
        var changed: [String] = []
        if old.host != new.host { changed.append("host") }
        if old.port != new.port { changed.append("port") }
        if old.dataDirectory != new.dataDirectory { changed.append("data") }
        if old.publicDirectory != new.publicDirectory { changed.append("public") }
        if old.tlsCertificate != new.tlsCertificate || old.tlsKey != new.tlsKey { changed.append("tls_cert/tls_key") }
        if old.maxFrameBytes != new.maxFrameBytes { changed.append("max_frame_bytes") }
        if old.helloTimeout != new.helloTimeout { changed.append("hello_timeout_seconds") }
        if old.pingInterval != new.pingInterval || old.pingHangup != new.pingHangup { changed.append("ping_interval_seconds/ping_hangup_seconds") }
        return changed
    }

    /// The new config with every restart-only setting kept at its running value.
    static func applicable(_ new: NightDeskConfig, keeping running: NightDeskConfig) -> NightDeskConfig {
        var out = new
        let old = running.settings
        out.settings.host = old.host
        out.settings.port = old.port
        out.settings.dataDirectory = old.dataDirectory
        out.settings.publicDirectory = old.publicDirectory
        out.settings.tlsCertificate = old.tlsCertificate
        out.settings.tlsKey = old.tlsKey
        out.settings.maxFrameBytes = old.maxFrameBytes
        out.settings.helloTimeout = old.helloTimeout
        out.settings.pingInterval = old.pingInterval
        out.settings.pingHangup = old.pingHangup
        return out
    }
}
