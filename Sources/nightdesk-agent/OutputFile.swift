import Foundation

/// Unbuffered writes to stdout or stderr. One `write` per screen update
/// keeps the clear-print-redraw sequence together, and stdout and stderr
/// stay in order on a shared terminal since neither is buffered.
enum OutputFile {
    case out, err

    var fd: Int32 { self == .out ? STDOUT_FILENO : STDERR_FILENO }

    func write(_ text: String) {
        guard !text.isEmpty else { return }
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buffer in
                Foundation.write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if n > 0 { offset += n; continue }
            if n < 0, errno == EINTR { continue }
            // The terminal is gone (EIO, EPIPE): nothing more to show.
            return
        }
        bytes.removeAll()
    }
}
