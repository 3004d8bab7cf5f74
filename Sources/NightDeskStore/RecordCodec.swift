import NightDeskCore

/// The journal's on-disk record: a 9-byte header (payload length, CRC-32 of
/// type and payload, type) then the payload, a JSON object. The length and
/// checksum let recovery stop exactly at a torn or corrupted tail.
enum RecordCodec {
    static let headerSize = 9
    /// Where the bytes the checksum covers begin: the type, then the payload.
    static let checkedFrom = 8
    /// A record longer than this is corruption, not data. Frames are capped
    /// at 1 MiB by the config, and JSON escaping at most sextuples a text.
    static let maxPayload = 16 << 20

    enum Kind: UInt8 {
        case sessionStarted = 1, message = 2, ended = 3, leadWritten = 4, handler = 5, leadFields = 6
    }

    static func encode(_ record: JournalRecord) -> [UInt8] {
        var w = JSONWriter()
        let kind: Kind
        switch record {
        case .sessionStarted(let s):
            kind = .sessionStarted
            w.field("session", s.session)
            w.field("site", s.site)
            w.field("resume_hash", s.resumeHash)
            w.field("started_at", Int(s.startedAt.milliseconds))
            w.field("page", s.source.page)
            w.field("referrer", s.source.referrer)
            w.field("utm", stringMap: s.source.utm)
        case .message(let session, let m, let clientID):
            kind = .message
            w.field("session", session)
            w.field("seq", m.seq)
            w.field("from", m.from.rawValue)
            w.field("name", m.name)
            w.field("text", m.text)
            w.field("at", Int(m.at.milliseconds))
            w.field("client_id", clientID)
        case .ended(let session, let reason, let at):
            kind = .ended
            w.field("session", session)
            w.field("reason", reason.rawValue)
            w.field("at", Int(at.milliseconds))
        case .leadWritten(let session):
            kind = .leadWritten
            w.field("session", session)
        case .handler(let session, let agent):
            kind = .handler
            w.field("session", session)
            w.field("agent", agent)
        case .leadFields(let session, let fields):
            kind = .leadFields
            w.field("session", session)
            w.field("fields", stringMap: fields)
        }
        // Header, type and payload in one array; the checksum, which covers
        // the type and the payload, goes in once they are there.
        let payload = w.finishedBytes()
        var out = [UInt8]()
        out.reserveCapacity(headerSize + payload.count)
        append32(UInt32(payload.count), to: &out)
        append32(0, to: &out)
        out.append(kind.rawValue)
        out.append(contentsOf: payload)
        put32(CRC32.checksum(out[checkedFrom...]), at: 4, in: &out)
        return out
    }

    enum DecodeResult {
        case record(JournalRecord, length: Int)
        /// Not enough bytes for a whole record: a torn write.
        case torn
        case corrupt(String)
    }

    enum FrameResult {
        /// A whole record whose checksum holds; `length` counts the header.
        case record(Kind, length: Int)
        /// Not enough bytes for a whole record; `needs` is its length once
        /// the header is in.
        case torn(needs: Int?)
        /// `length` when the header's length is plausible and the bytes are
        /// there: where the next record would start.
        case corrupt(String, length: Int?)
    }

    /// Checks the record at `offset` without reading its JSON.
    static func frame(_ bytes: [UInt8], at offset: Int) -> FrameResult {
        guard bytes.count - offset >= headerSize else { return .torn(needs: nil) }
        let length = Int(read32(bytes, offset))
        guard length <= maxPayload else { return .corrupt("record length \(length) is impossible", length: nil) }
        guard bytes.count - offset >= headerSize + length else { return .torn(needs: headerSize + length) }
        let checked = bytes[(offset + checkedFrom)..<(offset + headerSize + length)]
        guard CRC32.checksum(checked) == read32(bytes, offset + 4) else { return .corrupt("checksum mismatch", length: headerSize + length) }
        guard let kind = Kind(rawValue: bytes[offset + checkedFrom]) else { return .corrupt("unknown record type", length: headerSize + length) }
        return .record(kind, length: headerSize + length)
    }

    static func decode(_ bytes: [UInt8], at offset: Int) -> DecodeResult {
        switch frame(bytes, at: offset) {
        case .torn: return .torn
        case .corrupt(let why, _): return .corrupt(why)
        case .record(let kind, let length):
            guard let json = try? JSONParser.parse(bytes: Array(bytes[(offset + headerSize)..<(offset + length)])),
                  let record = record(kind, json) else { return .corrupt("unreadable \(kind) record") }
            return .record(record, length: length)
        }
    }

    private static let sessionOpening = Array(#"{"session":""#.utf8)

    /// The session of a whole record that `frame` has checked. Every
    /// payload opens with its session, so a roll reading back a segment
    /// finds it without parsing the JSON; an escaped id is parsed.
    static func session(ofRecordIn bytes: [UInt8], at offset: Int, length: Int) -> String? {
        let idStart = offset + headerSize + sessionOpening.count
        let end = offset + length
        if idStart <= end, bytes[(offset + headerSize)..<idStart].elementsEqual(sessionOpening),
           let idEnd = bytes[idStart..<end].firstIndex(of: UInt8(ascii: "\"")),
           !bytes[idStart..<idEnd].contains(UInt8(ascii: "\\")) {
            return String(decoding: bytes[idStart..<idEnd], as: UTF8.self)
        }
        guard case .record(let record, _) = decode(bytes, at: offset) else { return nil }
        return record.sessionID
    }

    private static func record(_ kind: Kind, _ j: JSONValue) -> JournalRecord? {
        guard let session = j["session"]?.stringValue else { return nil }
        switch kind {
        case .sessionStarted:
            guard let site = j["site"]?.stringValue, let hash = j["resume_hash"]?.stringValue,
                  let started = j["started_at"]?.intValue else { return nil }
            var utm: [String: String] = [:]
            for (k, v) in j["utm"]?.objectValue ?? [:] { utm[k] = v.stringValue }
            let source = LeadSource(page: j["page"]?.stringValue, referrer: j["referrer"]?.stringValue, utm: utm)
            return .sessionStarted(SessionStart(session: session, site: site, resumeHash: hash,
                                                startedAt: Timestamp(milliseconds: Int64(started)), source: source))
        case .message:
            guard let seq = j["seq"]?.intValue, let from = j["from"]?.stringValue.flatMap(Sender.init(rawValue:)),
                  let name = j["name"]?.stringValue, let text = j["text"]?.stringValue, let at = j["at"]?.intValue else { return nil }
            let message = Message(seq: seq, from: from, name: name, text: text, at: Timestamp(milliseconds: Int64(at)))
            return .message(session: session, message: message, clientID: j["client_id"]?.stringValue)
        case .ended:
            guard let reason = j["reason"]?.stringValue.flatMap(SessionEndReason.init(rawValue:)),
                  let at = j["at"]?.intValue else { return nil }
            return .ended(session: session, reason: reason, at: Timestamp(milliseconds: Int64(at)))
        case .leadWritten:
            return .leadWritten(session: session)
        case .handler:
            return .handler(session: session, agent: j["agent"]?.stringValue)
        case .leadFields:
            var fields: [String: String] = [:]
            for (k, v) in j["fields"]?.objectValue ?? [:] { fields[k] = v.stringValue }
            return .leadFields(session: session, fields: fields)
        }
    }

    private static func append32(_ v: UInt32, to out: inout [UInt8]) {
        out.append(UInt8(v & 0xFF)); out.append(UInt8((v >> 8) & 0xFF))
        out.append(UInt8((v >> 16) & 0xFF)); out.append(UInt8(v >> 24))
    }

    private static func put32(_ v: UInt32, at i: Int, in out: inout [UInt8]) {
        for byte in 0..<4 { out[i + byte] = UInt8(truncatingIfNeeded: v >> (8 * byte)) }
    }

    private static func read32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
}
