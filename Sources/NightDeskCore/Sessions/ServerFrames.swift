/// The frames the server sends, written field by field as PROTOCOL.md orders them.
enum ServerFrames {
    static func error(_ rejection: FrameRejection) -> String {
        var w = JSONWriter()
        w.field("type", "error")
        w.field("code", rejection.code.rawValue)
        w.field("message", rejection.message)
        w.field("ref", rejection.ref)
        return w.finished
    }

    static func ack(id: String, seq: Int) -> String {
        var w = JSONWriter()
        w.field("type", "ack")
        w.field("id", id)
        w.field("seq", seq)
        return w.finished
    }

    static func ended(_ reason: SessionEndReason) -> String {
        var w = JSONWriter()
        w.field("type", "ended")
        w.field("reason", reason.rawValue)
        return w.finished
    }

    static func welcome(session: String, resume: String, resumed: Bool, site: Site,
                        office: OfficeStatus, history: [Message]) -> String {
        var w = JSONWriter()
        w.field("type", "welcome")
        w.field("session", session)
        w.field("resume", resume)
        w.field("resumed", resumed)
        var s = JSONWriter()
        s.field("id", site.id)
        s.field("name", site.name)
        s.field("phone", site.phone)
        // Extra (allowed by the protocol): the widget's "Emergency? Call ...".
        s.field("emergency_phone", site.emergencyPhone)
        s.field("tagline", site.tagline)
        s.field("logo", site.logo)
        // Beyond PROTOCOL.md (unknown fields are allowed): lets a page say
        // opening times in the practice's zone rather than the browser's.
        s.field("time_zone", site.officeHours.timeZone.identifier)
        w.field("site", raw: s.finished)
        var o = JSONWriter()
        o.field("open", office.isOpen)
        if let next = office.nextOpen { o.field("next_open", Timestamp(next).rfc3339) } else { o.fieldNull("next_open") }
        w.field("office", raw: o.finished)
        w.field("history", raw: JSONWriter.array(history.map { $0.json() }))
        return w.finished
    }
}
