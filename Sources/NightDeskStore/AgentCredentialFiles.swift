import NightDeskCore

/// Agents' credentials on disk: `agents/<id>.json`, holding only a hash of
/// the token. `nightdesk agents add` and `revoke` take effect without a
/// restart: the server re-reads the folder when it changes.
public struct AgentCredentialFiles: Sendable {
    let folder: CredentialFolder

    public init(dataDirectory: String) {
        folder = CredentialFolder(directory: dataDirectory + "/agents")
    }

    public var directory: String { folder.directory }

    public func write(_ credential: AgentCredential, createdAt: Timestamp, revokedAt: Timestamp? = nil) throws(StoreError) {
        var w = JSONWriter()
        w.field("id", credential.id)
        w.field("name", credential.name)
        w.field("sites", strings: credential.sites)
        w.field("capacity", credential.capacity)
        w.field("token_hash", credential.tokenHash)
        w.field("created_at", createdAt.rfc3339)
        w.field("revoked_at", revokedAt?.rfc3339)
        try folder.write(id: credential.id, json: w.finished)
    }

    /// Every credential, revoked ones included; unreadable files are reported.
    public func all() -> (credentials: [(AgentCredential, JSONValue)], problems: [String]) {
        let (records, found) = folder.records()
        var problems = found
        var out: [(AgentCredential, JSONValue)] = []
        for json in records {
            guard let id = json["id"]?.stringValue, let name = json["name"]?.stringValue,
                  let hash = json["token_hash"]?.stringValue, let capacity = json["capacity"]?.intValue else {
                problems.append("\(directory): an agent file lacks id, name, capacity or token_hash")
                continue
            }
            let sites = json["sites"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let revoked = json["revoked_at"]?.stringValue != nil
            out.append((AgentCredential(id: id, name: name, sites: sites, capacity: capacity, tokenHash: hash, revoked: revoked), json))
        }
        return (out, problems)
    }

    public func fingerprint() -> Int64? { folder.fingerprint() }
}
