import Foundation
import Glibc

/// Whether the data directory takes a durable write right now, and how much
/// room is left. Does disk I/O: never on the service thread.
struct StorageProbe: Sendable, Equatable {
    /// Below this much free space the server reports itself unhealthy, while
    /// there is still room to finish the chats in progress.
    static let reserveBytes: Int64 = 64 * 1024 * 1024

    var writable: Bool
    var freeBytes: Int64?
    var problem: String?

    static func run(dataDirectory: String) -> StorageProbe {
        var stats = statvfs()
        let free: Int64? = statvfs(dataDirectory, &stats) == 0 ? Int64(stats.f_bavail) * Int64(stats.f_frsize) : nil
        let path = dataDirectory + "/.healthz-probe"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            return StorageProbe(writable: false, freeBytes: free, problem: "cannot create a file in the data directory: \(String(cString: strerror(errno)))")
        }
        defer {
            close(fd)
            unlink(path)
        }
        let byte: [UInt8] = [0x0A]
        guard write(fd, byte, 1) == 1, fsync(fd) == 0 else {
            return StorageProbe(writable: false, freeBytes: free, problem: "cannot write and sync in the data directory: \(String(cString: strerror(errno)))")
        }
        return StorageProbe(writable: true, freeBytes: free, problem: nil)
    }
}
