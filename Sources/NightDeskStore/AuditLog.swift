import Glibc
import NightDeskCore

/// The append-only record of who viewed, changed or exported which lead,
/// and when: one JSON line per event in `audit.log`, fsynced before the
/// answer goes out.
public struct AuditLog: Sendable {
    public let path: String

    public init(dataDirectory: String) {
        path = dataDirectory + "/audit.log"
    }

    public func append(at: Timestamp, by: String, action: String, lead: String? = nil, detail: String? = nil) throws(StoreError) {
        var w = JSONWriter()
        w.field("at", at.rfc3339)
        w.field("by", by)
        w.field("action", action)
        w.field("lead", lead)
        w.field("detail", detail)
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .posix("cannot open", path, errno) }
        defer { close(fd) }
        try DurableFiles.writeAll(fd, Array((w.finished + "\n").utf8), path: path)
        guard fsync(fd) == 0 else { throw .posix("cannot sync", path, errno) }
    }

    public func lines() -> [String] {
        guard let bytes = try? DurableFiles.readAll(path) else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
