import Glibc
import NightDeskCore

/// A folder of credentials, one JSON file each (`<folder>/<id>.json`),
/// written whole and renamed into place. The server re-reads it when its
/// modification time changes.
struct CredentialFolder: Sendable {
    let directory: String

    func path(_ id: String) -> String { directory + "/" + id + ".json" }

    func write(id: String, json: String) throws(StoreError) {
        try DurableFiles.makeDirectory(directory)
        try DurableFiles.writeAtomically(Array((json + "\n").utf8), to: path(id), directory: directory)
    }

    /// Every readable record; unreadable files are reported.
    func records() -> (records: [JSONValue], problems: [String]) {
        var out: [JSONValue] = []
        var problems: [String] = []
        for name in DurableFiles.list(directory) where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let file = directory + "/" + name
            if let bytes = try? DurableFiles.readAll(file), let json = try? JSONParser.parse(bytes: bytes) {
                out.append(json)
            } else {
                problems.append("\(file): not a readable credential")
            }
        }
        return (out, problems)
    }

    func fingerprint() -> Int64? {
        var info = stat()
        guard stat(directory, &info) == 0 else { return nil }
        return Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }
}
