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

/// One directory for the whole run (the scanner reads a directory), per
/// process, so parallel fuzzers do not share it.
let fuzzDirectory: String = {
    let path = "/tmp/nightdesk-fuzz-journal-\(getpid())"
    guard mkdir(path, 0o700) == 0 || errno == EEXIST else {
        print("journal fuzz: cannot make \(path)")
        exit(2)
    }
    return path
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJournal(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    recoverAndReplay(bytes)
    // Mutations rarely keep a CRC-32 right, so the scanner would stop at the
    // first changed record. The same bytes with every whole record's
    // checksum recomputed reach the record decoder and the relay's replay.
    recoverAndReplay(withChecksumsRepaired(bytes))
    return 0
}

func recoverAndReplay(_ bytes: [UInt8]) {
    let path = fuzzDirectory + "/" + JournalScanner.segmentName(1)
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { return }
    var written = 0
    while written < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress.map { $0 + written }, bytes.count - written) }
        if n <= 0 { break }
        written += n
    }
    close(fd)
    guard let recovery = try? JournalScanner.recover(directory: fuzzDirectory) else { return }
    if let last = recovery.lastSegment, last.validLength > bytes.count {
        print("journal fuzz: valid length \(last.validLength) past the file's \(bytes.count) bytes")
        abort()
    }
    let relay = Relay(sites: NightDeskConfig.demo.sites, limits: Relay.Limits(), clock: FixedClock(),
                      tokens: CountingTokens())
    for effect in relay.restore(recovery.sessions) {
        if case .writeLead(let lead, _) = effect { _ = lead.json }
    }
    _ = relay.tick()
}

/// Walks the records by their length fields and rewrites each whole
/// record's CRC (little-endian, over type and payload, at bytes 4..<8).
func withChecksumsRepaired(_ input: [UInt8]) -> [UInt8] {
    var bytes = input
    var offset = 0
    while bytes.count - offset >= RecordCodec.headerSize {
        let length = Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16 | Int(bytes[offset + 3]) << 24
        guard length <= bytes.count - offset - RecordCodec.headerSize else { break }
        let end = offset + RecordCodec.headerSize + length
        let crc = CRC32.checksum(bytes[(offset + 8)..<end])
        for i in 0..<4 { bytes[offset + 4 + i] = UInt8((crc >> (8 * UInt32(i))) & 0xFF) }
        offset = end
    }
    return bytes
}
