import ArgumentParser
import CMalloc
import Dispatch
import Foundation
import Logging
import NightDeskCore
import NightDeskServer

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the chat server.",
        discussion: """
        Serves the widget's WebSocket at /ws and the files of Public/ at /. Prints \
        a line with `listening on URL` to stderr once it accepts connections. \
        SIGTERM or SIGINT stops it: connections close, the journal is flushed, exit 0. \
        SIGHUP re-reads the config: sites, origins, office hours and limits change at \
        once without dropping a chat; host, port, TLS and the data directory are \
        logged as needing a restart; a broken file is logged and the old config stays.
        """
    )

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: ArgumentHelp("Address to listen on (default 127.0.0.1; 0.0.0.0 for every interface).", valueName: "addr"))
    var host: String?

    @Option(name: .long, help: ArgumentHelp("Port (default 8080; 0 picks a free one).", valueName: "n"))
    var port: Int?

    @Option(name: .long, help: ArgumentHelp("TLS certificate (PEM); serves https and wss.", valueName: "file"))
    var tlsCert: String?

    @Option(name: .long, help: ArgumentHelp("TLS private key (PEM).", valueName: "file"))
    var tlsKey: String?

    @Option(name: .long, help: ArgumentHelp("Folder of static files (default: Public/ here or beside the binary).", valueName: "dir"))
    var publicDir: String?

    @Option(name: .long, help: ArgumentHelp("trace, debug, info, notice, warning, error or critical (default info).", valueName: "level"))
    var logLevel: String?

    func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be 0 to 65535") }
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
    }

    /// The command line's flags win over the file, at start and on reload.
    func withFlags(_ loaded: NightDeskConfig) -> NightDeskConfig {
        var config = loaded
        if let host { config.settings.host = host }
        if let port { config.settings.port = port }
        if let tlsCert, let tlsKey {
            config.settings.tlsCertificate = tlsCert
            config.settings.tlsKey = tlsKey
        }
        return config
    }

    func run() throws {
        // One malloc arena, before any thread allocates. The loop thread is
        // not the main thread, so glibc gave it an arena of its own, which
        // grows by an mprotect a page or two at a time: 11,263 of them
        // while 15k widgets connected, 3-4% of that ramp's perf samples. The main
        // arena grows by brk in 128 KiB steps (361 calls). The server's
        // threads hardly allocate at once (the journal's writer once a
        // commit), and each thread's tcache takes small sizes without the
        // arena's lock.
        _ = mallopt(M_ARENA_MAX, 1)
        let config = withFlags(try options.load())
        let logger = makeLogger(level: logLevel)
        let publicDirectory = PublicDirectory.locate(explicit: publicDir ?? config.settings.publicDirectory)
        if publicDirectory == nil {
            logger.warning("no Public/ folder found: serving chats but no pages (use --public-dir)")
        }
        if config.settings.exposesPlainText {
            logger.warning("listening on \(config.settings.host) without TLS: chats would cross the network unencrypted. Set tls_cert and tls_key, or keep host = \"127.0.0.1\" behind a TLS proxy")
        }
        let server = NightDeskServer(config: config, publicDirectory: publicDirectory, logger: logger)
        let url: String
        do {
            url = try server.start()
        } catch {
            printError("nightdesk: cannot start: \(error)")
            throw ExitCode(1)
        }
        let signals = [SIGTERM, SIGINT].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { server.stop() }
            source.resume()
            return source
        }
        let reloadQueue = DispatchQueue(label: "nightdesk-reload")
        signal(SIGHUP, SIG_IGN)
        let hangup = DispatchSource.makeSignalSource(signal: SIGHUP, queue: reloadQueue)
        hangup.setEventHandler { [self] in
            logger.notice("SIGHUP: reloading the config")
            switch options.read() {
            case .success(let loaded): server.reload(withFlags(loaded))
            case .failure(let failure):
                logger.error("config reload failed; the running config stays: \(failure.message)")
            }
        }
        hangup.resume()
        printError("nightdesk: listening on \(url) (\(config.sites.count) site\(config.sites.count == 1 ? "" : "s"), data in \(config.settings.dataDirectory))")
        server.waitUntilStopped()
        signals.forEach { $0.cancel() }
        hangup.cancel()
        logger.notice("stopped; journal flushed")
    }
}

func makeLogger(level: String?) -> Logger {
    let chosen = level ?? ProcessInfo.processInfo.environment["NIGHTDESK_LOG_LEVEL"] ?? "info"
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = Logger.Level(rawValue: chosen) ?? .info
        return handler
    }
    return Logger(label: "nightdesk")
}
