import Dispatch
import Foundation
import Logging
import NightDeskCore
import NightDeskStore
import NightDeskTransport

/// The staff HTTP API of PROTOCOL.md: the morning queue, one lead with its
/// transcript, status changes with notes, and CSV export; every request
/// authenticated, scoped to the staff member's sites, and audited.
///
/// It reads and writes files, so it never runs on the service thread: every
/// request is handled on `queue`, one at a time. `@unchecked Sendable` is
/// safe because the only mutable state (`staff`, `staffFingerprint`,
/// `sites`) is touched only on that serial queue: in `handle`, in the
/// digest job and in the job `updateSites` queues (`sites` is set once in
/// `init`, before the object is shared).
final class StaffAPI: @unchecked Sendable {
    let queue = DispatchQueue(label: "nightdesk-staff-api")
    let leads: LeadFiles
    let staffFiles: StaffCredentialFiles
    let audit: AuditLog
    let logger: Logger
    let hash: @Sendable (String) -> String
    private var sites: [String: Site]
    let digests: String
    private var staff: [StaffCredential] = []
    private var staffFingerprint: Int64?

    init(dataDirectory: String, sites: [Site], logger: Logger, hash: @escaping @Sendable (String) -> String) {
        self.sites = Dictionary(sites.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        digests = dataDirectory + "/digests"
        leads = LeadFiles(dataDirectory: dataDirectory)
        staffFiles = StaffCredentialFiles(dataDirectory: dataDirectory)
        audit = AuditLog(dataDirectory: dataDirectory)
        self.logger = logger
        self.hash = hash
    }

    /// Answers on `queue`, then hands the response to `reply`.
    func submit(_ request: HTTPRequest, reply: @escaping @Sendable (HTTPResponse) -> Void) {
        queue.async { reply(self.handle(request)) }
    }

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        guard let member = authenticate(request.authorization) else {
            logger.notice("api: refused a request without a valid staff token")
            return Self.error(401, "unauthorized", "send Authorization: Bearer <staff token> (nightdesk staff add prints one)",
                              header: ("www-authenticate:", "Bearer"))
        }
        if request.bodyTooLarge { return Self.error(413, "too_large", "request bodies are limited to 64 KiB") }
        let parts = request.path.split(separator: "/").map(String.init)
        guard parts.count >= 2, parts[0] == "api" else {
            return Self.error(404, "not_found", "no such API path; see the README's API section")
        }
        let one = parts.count == 3 && parts[1] == "leads" ? parts[2] : nil
        let known = (parts.count == 2 && (parts[1] == "leads" || parts[1] == "leads.csv")) || one != nil
        guard known else { return Self.error(404, "not_found", "no such API path; see the README's API section") }
        switch request.method {
        case .get where parts.count == 2 && parts[1] == "leads": return list(request, member)
        case .get where parts.count == 2: return csv(request, member)
        case .get: return show(one ?? "", member)
        case .post where one != nil: return change(one ?? "", request.body, member)
        default: return Self.error(405, "method_not_allowed", "use GET, or POST on one lead")
        }
    }

    // MARK: Endpoints

    private func visible(_ request: HTTPRequest, _ member: StaffCredential) -> [JSONValue] {
        let (all, problems) = leads.all()
        for problem in problems { logger.warning("api: \(problem)") }
        return MorningQueue.order(all.filter { lead in
            guard let site = lead["site"]?.stringValue, member.sees(site) else { return false }
            for key in ["status", "site", "score"] {
                if let wanted = request.query[key], lead[key]?.stringValue != wanted { return false }
            }
            return true
        })
    }

    private func list(_ request: HTTPRequest, _ member: StaffCredential) -> HTTPResponse {
        // Not audited: the queue carries no transcript, and the review page
        // polls it every few seconds; views, changes and exports are.
        let items = visible(request, member)
        return Self.json(200, "{\"items\":" + JSONWriter.array(items.map { Self.withoutTranscript($0).jsonText }) + "}")
    }

    private func csv(_ request: HTTPRequest, _ member: StaffCredential) -> HTTPResponse {
        let items = visible(request, member)
        guard audited(member, "export", detail: Self.describe(request.query) + " (\(items.count) leads)") else { return Self.auditDown }
        return HTTPResponse(status: 200, contentType: "text/csv; charset=utf-8", body: Array(LeadCSV.render(items).utf8),
                            extraHeader: ("content-disposition:", "attachment; filename=\"leads.csv\""))
    }

    private func show(_ id: String, _ member: StaffCredential) -> HTTPResponse {
        guard let lead = leads.read(id), let site = lead["site"]?.stringValue, member.sees(site) else {
            return Self.error(404, "not_found", "no lead \(id.prefix(64)) among your practices")
        }
        guard audited(member, "view", lead: id) else { return Self.auditDown }
        return Self.json(200, lead.jsonText)
    }

    private func change(_ id: String, _ body: [UInt8], _ member: StaffCredential) -> HTTPResponse {
        guard let json = try? JSONParser.parse(bytes: body), let fields = json.objectValue else {
            return Self.error(400, "bad_request", "send a JSON object like {\"status\": \"contacted\", \"note\": \"left voicemail\"}")
        }
        let status = fields["status"]?.stringValue
        let note = fields["note"]?.stringValue
        if fields["status"] != nil && status == nil || fields["note"] != nil && note == nil {
            return Self.error(400, "bad_request", "status and note must be strings")
        }
        let site = leads.read(id)?["site"]?.stringValue.flatMap { sites[$0] }
        let change = LeadChange(status: status, note: note, by: member.id, at: Timestamp(Date()), officeHours: site?.officeHours)
        if let problem = change.problem { return Self.error(400, "bad_request", problem) }
        guard let current = leads.read(id), let site = current["site"]?.stringValue, member.sees(site) else {
            return Self.error(404, "not_found", "no lead \(id.prefix(64)) among your practices")
        }
        let updated: JSONValue?
        do {
            updated = try leads.update(id) { change.applied(to: $0) }
        } catch {
            logger.error("api: cannot save lead \(id): \(error)")
            return Self.error(503, "unavailable", "the change could not be saved; try again")
        }
        guard let updated else { return Self.error(404, "not_found", "no lead \(id.prefix(64))") }
        guard audited(member, "change", lead: id, detail: [status.map { "status \($0)" }, note.map { _ in "note" }].compactMap { $0 }.joined(separator: ", ")) else {
            return Self.auditDown
        }
        return Self.json(200, Self.withoutTranscript(updated).jsonText)
    }

    /// A config reload: requests queued after this see the new sites.
    func updateSites(_ newSites: [Site]) {
        let byID = Dictionary(newSites.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        queue.async { [self] in sites = byID }
    }

    // MARK: Opening digest

    /// Writes the night's digest for a site that just opened, and logs where.
    func writeDigest(_ due: DigestSchedule.Due) {
        queue.async { [self] in
            guard let site = sites[due.site] else { return }
            let text = OpeningDigest.markdown(site: site, due: due, leads: leads.all().leads)
            let day = DateFormatter()
            day.locale = Locale(identifier: "en_US_POSIX")
            day.timeZone = site.officeHours.timeZone
            day.dateFormat = "yyyy-MM-dd"
            let path = digests + "/" + site.id + "-" + day.string(from: due.opening.date) + ".md"
            do {
                try DigestFiles.write(text, to: path, directory: digests)
                logger.notice("digest of the night for \(site.id) written to \(path)")
            } catch {
                logger.error("digest for \(site.id) not written: \(error)")
            }
        }
    }

    // MARK: Helpers

    private func authenticate(_ header: String?) -> StaffCredential? {
        guard let header, header.hasPrefix("Bearer ") else { return nil }
        let token = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard !token.isEmpty else { return nil }
        if staffFiles.fingerprint() != staffFingerprint {
            staffFingerprint = staffFiles.fingerprint()
            staff = staffFiles.all().filter { !$0.revoked }
        }
        let presented = hash(token)
        return staff.first { OpenSSLTokens.equal($0.tokenHash, presented) }
    }

    /// Nothing is served that the audit log did not record.
    private func audited(_ member: StaffCredential, _ action: String, lead: String? = nil, detail: String? = nil) -> Bool {
        do {
            try audit.append(at: Timestamp(Date()), by: member.id, action: action, lead: lead, detail: detail)
            return true
        } catch {
            logger.critical("api: cannot write the audit log: \(error)")
            return false
        }
    }

    static let auditDown = error(503, "unavailable", "the audit log cannot be written; nothing is served until it can")

    static func withoutTranscript(_ lead: JSONValue) -> JSONValue {
        guard case .object(var fields) = lead else { return lead }
        fields["transcript"] = nil
        return .object(fields)
    }

    static func describe(_ query: [String: String]) -> String {
        query.isEmpty ? "all" : query.keys.sorted().map { "\($0)=\(query[$0] ?? "")" }.joined(separator: " ")
    }

    static func json(_ status: UInt32, _ text: String) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "application/json", body: Array(text.utf8))
    }

    static func error(_ status: UInt32, _ code: String, _ message: String, header: (name: String, value: String)? = nil) -> HTTPResponse {
        var w = JSONWriter()
        w.field("error", code)
        w.field("message", message)
        return HTTPResponse(status: status, contentType: "application/json", body: Array(w.finished.utf8), extraHeader: header)
    }
}
