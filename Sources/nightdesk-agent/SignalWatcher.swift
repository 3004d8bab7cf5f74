import Dispatch
import Foundation

/// SIGINT, SIGTERM and SIGHUP make the client leave as /quit does (close
/// the connection, restore the terminal) and exit 128 + the signal. Should
/// the loop be stuck, a fallback restores the terminal and exits anyway.
enum SignalWatcher {
    static let fallbackSeconds = 4.0

    /// The sources must be kept alive for as long as they should fire.
    static func install(relay: ControllerRelay, terminal: TerminalMode?) -> [any DispatchSourceSignal] {
        // A resized terminal: draw the bottom lines again at the new width.
        signal(SIGWINCH, SIG_IGN)
        let resize = DispatchSource.makeSignalSource(signal: SIGWINCH, queue: .global())
        resize.setEventHandler { relay.post { $0.screen.redraw() } }
        resize.resume()
        return [resize] + [SIGINT, SIGTERM, SIGHUP].map { number in
            signal(number, SIG_IGN) // the source, not the default action, handles it
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                relay.post { $0.signalled(number) }
                DispatchQueue.global().asyncAfter(deadline: .now() + fallbackSeconds) {
                    terminal?.restore()
                    OutputFile.err.write("\r\nnightdesk-agent: did not stop in time after signal \(number); exiting\n")
                    _exit(128 + number)
                }
            }
            source.resume()
            return source
        }
    }
}
