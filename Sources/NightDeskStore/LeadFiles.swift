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
