import Glibc
import NightDeskCore

/// Agents' credentials on disk: `agents/<id>.json`, one file each, written
/// whole and renamed into place, holding only a hash of the token. The
/// server re-reads the folder when it changes, so `nightdesk agents add`
/// and `revoke` take effect without a restart.
public struct AgentCredentialFiles: Sendable {
    public let directory: String

    public init(dataDirectory: String) {
        directory = dataDirectory + "/agents"
    }

    public func path(_ id: String) -> String { directory + "/" + id + ".json" }

    public func write(_ credential: AgentCredential, createdAt: Timestamp, revokedAt: Timestamp? = nil) throws(StoreError) {
        try DurableFiles.makeDirectory(directory)
        var w = JSONWriter()
        w.field("id", credential.id)
        w.field("name", credential.name)
        w.field("sites", strings: credential.sites)
        w.field("capacity", credential.capacity)
        w.field("token_hash", credential.tokenHash)
        w.field("created_at", createdAt.rfc3339)
        w.field("revoked_at", revokedAt?.rfc3339)
        try DurableFiles.writeAtomically(Array((w.finished + "\n").utf8), to: path(credential.id), directory: directory)
    }

    /// Every credential, revoked ones included; unreadable files are reported.
    public func all() -> (credentials: [(AgentCredential, JSONValue)], problems: [String]) {
        var out: [(AgentCredential, JSONValue)] = []
        var problems: [String] = []
        for name in DurableFiles.list(directory) where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let file = directory + "/" + name
            guard let bytes = try? DurableFiles.readAll(file), let json = try? JSONParser.parse(bytes: bytes),
                  let id = json["id"]?.stringValue, let agentName = json["name"]?.stringValue,
                  let hash = json["token_hash"]?.stringValue, let capacity = json["capacity"]?.intValue else {
                problems.append("\(file): not a readable agent credential")
                continue
            }
            let sites = json["sites"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let revoked = json["revoked_at"]?.stringValue != nil
            out.append((AgentCredential(id: id, name: agentName, sites: sites, capacity: capacity, tokenHash: hash, revoked: revoked), json))
        }
        return (out, problems)
    }

    /// A cheap fingerprint of the folder (its modification time), to re-read
    /// only when something changed.
    public func fingerprint() -> Int64? {
        var info = stat()
        guard stat(directory, &info) == 0 else { return nil }
        return Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }
}
