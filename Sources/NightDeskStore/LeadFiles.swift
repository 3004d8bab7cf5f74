import Glibc
import NightDeskCore

/// Leads on disk: `leads/<id>.json` (the lead object with its transcript)
/// and `leads/<id>.txt` (the conversation for a person to read).
public struct LeadFiles: Sendable {
    public let directory: String

    public init(dataDirectory: String) {
        directory = dataDirectory + "/leads"
    }

    public func jsonPath(_ id: String) -> String { directory + "/" + id + ".json" }
    public func textPath(_ id: String) -> String { directory + "/" + id + ".txt" }

    /// Writes both files durably. The JSON goes last: its presence means the
    /// lead is complete. An existing lead is kept as it is (staff may have
    /// worked it), which makes rewriting after a crash harmless.
    func write(_ lead: LeadRecord) throws(StoreError) {
        try DurableFiles.makeDirectory(directory)
        guard !DurableFiles.exists(jsonPath(lead.id)) else { return }
        try DurableFiles.writeAtomically(Array(lead.readable.utf8), to: textPath(lead.id), directory: directory, syncDirectory: false)
        try DurableFiles.writeAtomically(Array(lead.json.utf8), to: jsonPath(lead.id), directory: directory)
    }

    public func read(_ id: String) -> JSONValue? {
        guard id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), !id.isEmpty,
              let bytes = try? DurableFiles.readAll(jsonPath(id)) else { return nil }
        return try? JSONParser.parse(bytes: bytes)
    }

    /// Read-modify-write of one lead under an exclusive lock on the leads
    /// folder, shared with the command line, so two changes made at the same
    /// moment (two staff members, or the CLI and the server) both land.
    /// `change` returns the new lead, or nil to leave it as it is.
    public func update(_ id: String, _ change: (JSONValue) -> JSONValue?) throws(StoreError) -> JSONValue? {
        try DurableFiles.makeDirectory(directory)
        let lockPath = directory + "/.lock"
        let lock = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard lock >= 0 else { throw .posix("cannot open", lockPath, errno) }
        defer { close(lock) }
        guard flock(lock, LOCK_EX) == 0 else { throw .posix("cannot lock", lockPath, errno) }
        defer { flock(lock, LOCK_UN) }
        guard let current = read(id) else { return nil }
        guard let updated = change(current) else { return current }
        try DurableFiles.writeAtomically(Array((updated.jsonText + "\n").utf8), to: jsonPath(id), directory: directory)
        return updated
    }

    /// Deletes a lead's files (retention); the directory is synced after.
    public func remove(_ id: String) throws(StoreError) {
        for path in [jsonPath(id), textPath(id)] where DurableFiles.exists(path) {
            guard unlink(path) == 0 else { throw .posix("cannot delete", path, errno) }
        }
        try DurableFiles.syncDirectory(directory)
    }

    /// Every stored lead, parsed; unreadable files are reported, not fatal.
    public func all() -> (leads: [JSONValue], problems: [String]) {
        var leads: [JSONValue] = []
        var problems: [String] = []
        for name in DurableFiles.list(directory) where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let path = directory + "/" + name
            do {
                let bytes = try DurableFiles.readAll(path)
                leads.append(try JSONParser.parse(bytes: bytes))
            } catch {
                problems.append("\(path): \(error)")
            }
        }
        return (leads, problems)
    }
}
