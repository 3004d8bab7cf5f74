import NightDeskCore

/// One entry of a session's transcript, as the server sends it. The text is
/// kept as received; it is made safe for the terminal when shown.
struct ChatMessage: Equatable {
    var seq: Int
    /// visitor, bot, agent or system.
    var from: String
    var name: String?
    var text: String
    var at: Timestamp?

    init(seq: Int, from: String, name: String? = nil, text: String, at: Timestamp? = nil) {
        self.seq = seq
        self.from = from
        self.name = name
        self.text = text
        self.at = at
    }

    /// nil when `seq`, `from` or `text` is missing or mistyped.
    init?(_ json: JSONValue) {
        guard let seq = json["seq"]?.intValue, let from = json["from"]?.stringValue,
              let text = json["text"]?.stringValue else { return nil }
        self.seq = seq
        self.from = from
        self.name = json["name"]?.stringValue
        self.text = text
        self.at = json["at"]?.stringValue.flatMap { Timestamp(rfc3339: $0) }
    }

    /// A list of messages; entries that are not messages are skipped.
    static func list(_ json: JSONValue?) -> [ChatMessage] {
        (json?.arrayValue ?? []).compactMap(ChatMessage.init)
    }
}
