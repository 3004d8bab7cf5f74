import NightDeskCore

/// A front-desk staff member's API access: which sites they may see
/// (empty: all) and the hash of their token.
public struct StaffCredential: Sendable, Equatable {
    public var id: String
    public var sites: [String]
    public var tokenHash: String
    public var revoked: Bool

    public init(id: String, sites: [String], tokenHash: String, revoked: Bool = false) {
        self.id = id
        self.sites = sites
        self.tokenHash = tokenHash
        self.revoked = revoked
    }

    public func sees(_ site: String) -> Bool { sites.isEmpty || sites.contains(site) }
}

/// Staff credentials on disk: `staff/<id>.json`.
public struct StaffCredentialFiles: Sendable {
    let folder: CredentialFolder

    public init(dataDirectory: String) {
        folder = CredentialFolder(directory: dataDirectory + "/staff")
    }

    public var directory: String { folder.directory }

    public func write(_ credential: StaffCredential, createdAt: Timestamp) throws(StoreError) {
        var w = JSONWriter()
        w.field("id", credential.id)
        w.field("sites", strings: credential.sites)
        w.field("token_hash", credential.tokenHash)
        w.field("created_at", createdAt.rfc3339)
        if credential.revoked { w.field("revoked", true) }
        try folder.write(id: credential.id, json: w.finished)
    }

    public func all() -> [StaffCredential] {
        folder.records().records.compactMap { json in
            guard let id = json["id"]?.stringValue, let hash = json["token_hash"]?.stringValue else { return nil }
            return StaffCredential(id: id, sites: json["sites"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                                   tokenHash: hash, revoked: json["revoked"]?.boolValue ?? false)
        }
    }

    public func fingerprint() -> Int64? { folder.fingerprint() }
}
