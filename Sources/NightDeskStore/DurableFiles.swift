import Glibc

/// The POSIX calls durability rests on, with errors that name the file.
enum DurableFiles {
    /// Creates the directory and any missing parents; each new one is made
    /// durable in its parent, or a power cut could lose the journal in it.
    static func makeDirectory(_ path: String) throws(StoreError) {
        var components: [String] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            let parent = components.isEmpty ? "." : (components.joined(separator: "/").isEmpty ? "/" : components.joined(separator: "/"))
            components.append(String(part))
            let prefix = components.joined(separator: "/")
            guard !prefix.isEmpty else { continue }
            if mkdir(prefix, 0o700) == 0 {
                try syncDirectory(parent)
            } else if errno != EEXIST {
                throw .posix("cannot create directory", prefix, errno)
            }
        }
    }

    /// Makes a rename or a new file in `path` durable.
    static func syncDirectory(_ path: String) throws(StoreError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .posix("cannot open directory", path, errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .posix("cannot sync directory", path, errno) }
    }

    /// Writes every byte, at the file position or, given `position`, there.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], at position: Int? = nil, path: String) throws(StoreError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                let from = raw.baseAddress.map { $0 + offset }
                if let position { return pwrite(fd, from, bytes.count - offset, off_t(position + offset)) }
                return write(fd, from, bytes.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .posix("cannot write", path, errno)
            }
            offset += n
        }
    }

    /// The Maildir discipline: temporary file, fsync, rename into place,
    /// fsync the directory. A reader sees the old file or the whole new one.
    static func writeAtomically(_ bytes: [UInt8], to path: String, directory: String, syncDirectory: Bool = true) throws(StoreError) {
        let name = path.split(separator: "/").last.map(String.init) ?? "file"
        let temporary = directory + "/.tmp-" + name
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .posix("cannot create", temporary, errno) }
        do throws(StoreError) {
            try writeAll(fd, bytes, path: temporary)
            guard fsync(fd) == 0 else { throw StoreError.posix("cannot sync", temporary, errno) }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw .posix("cannot rename into", path, code)
        }
        if syncDirectory { try self.syncDirectory(directory) }
    }

    static func readAll(_ path: String) throws(StoreError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .posix("cannot open", path, errno) }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .posix("cannot read", path, errno)
            }
            if n == 0 { return out }
            out.append(contentsOf: chunk[0..<n])
        }
    }

    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    static func list(_ directory: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { ptr in
                ptr.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }
}
