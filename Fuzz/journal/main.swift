// libFuzzer harness: arbitrary bytes as a journal segment file, read by the
// same recovery the server runs at start-up, then replayed into a relay.
// Recovery must keep the good prefix and note the cut; a trap, a hang or an
// ASan report is a bug. Built in one module with the NightDeskStore files it
// names in sources.txt, so the internal scanner is reachable.
import Foundation
import Glibc
import NightDeskCore

struct FixedClock: Clock {
    func now() -> Timestamp { Timestamp(milliseconds: 1_795_000_000_000) }
}

struct CountingTokens: TokenSource {
    var counter = 0
    mutating func newSecret() -> String { counter += 1; return "secret-\(counter)-0123456789abcdef" }
    mutating func newIdentifier() -> String { counter += 1; return "s\(counter)" }
    func hash(_ secret: String) -> String { "h:" + secret }
}

/// One directory for the whole run: the scanner reads a directory.
let fuzzDirectory: String = {
    var template = Array("/tmp/nightdesk-fuzz-journal-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress) }
    guard made != nil else {
        fputs("journal fuzz: cannot make a temporary directory\n", stderr)
        exit(2)
    }
    return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJournal(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = fuzzDirectory + "/" + JournalScanner.segmentName(1)
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { return 0 }
    var written = 0
    while written < size {
        let n = write(fd, data + written, size - written)
        if n <= 0 { break }
        written += n
    }
    close(fd)
    guard let recovery = try? JournalScanner.recover(directory: fuzzDirectory) else { return 0 }
    if let last = recovery.lastSegment, last.validLength > size {
        fputs("journal fuzz: valid length \(last.validLength) past the file's \(size) bytes\n", stderr)
        abort()
    }
    let relay = Relay(sites: NightDeskConfig.demo.sites, limits: Relay.Limits(), clock: FixedClock(),
                      tokens: CountingTokens())
    for effect in relay.restore(recovery.sessions) {
        if case .writeLead(let lead, _) = effect { _ = lead.json }
    }
    _ = relay.tick()
    return 0
}
