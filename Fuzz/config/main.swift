// libFuzzer harness: arbitrary text into the config parser behind
// `nightdesk check` and `nightdesk serve --config`. A ConfigError listing
// problems is the right answer; a trap, a hang or an ASan report is a bug.
import Foundation
import NightDeskCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let config = try NightDeskConfig.parse(text, source: "fuzz.toml")
        // A config that parses is used at once: office hours are asked.
        for site in config.sites {
            _ = site.officeHours.status(at: .init(timeIntervalSince1970: 1_795_000_000))
        }
    } catch {
        // Every problem must render as the `file:line:col: message` text.
        _ = error.description
    }
    return 0
}
