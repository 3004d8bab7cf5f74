/// A connection as the relay knows it; the transport assigns the numbers.
public typealias ConnectionID = UInt64

/// What the relay asks the outside world to do after an event. The server
/// carries these out in order, on the loop thread.
public indirect enum RelayEffect: Sendable, Equatable {
    /// Queue one text frame for a connection.
    case send(ConnectionID, String)
    /// Close after the frames already queued; `code` is a WebSocket status.
    case close(ConnectionID, code: UInt16, reason: String)
    /// Append to the journal (delivery may precede durability).
    case persist(JournalRecord)
    /// Once everything persisted so far is written to the journal (or the
    /// write failed), hand the mark to `Relay.written(_:)`, which announces;
    /// once it is on disk (or the disk refused it), to
    /// `Relay.durable(_:ok:)`, which acks.
    case whenDurable(DurableMark)
    /// Write the lead files durably, record that in the journal, then do `then`.
    case writeLead(LeadRecord, then: [RelayEffect])
}

/// What to do once a session's messages up to `seq` are on disk: announce
/// them, and ack the `say` that added them.
public struct DurableMark: Sendable, Equatable {
    public struct Ack: Sendable, Equatable {
        public var connection: ConnectionID
        public var clientID: String
        /// Nil for a `lead` ack, which adds no message.
        public var seq: Int?
        /// Set for an agent, whose acks name the session.
        public var agentSession: String?

        init(connection: ConnectionID, clientID: String, seq: Int?, agentSession: String? = nil) {
            self.connection = connection
            self.clientID = clientID
            self.seq = seq
            self.agentSession = agentSession
        }

        var frame: String {
            if let agentSession { return AgentFrames.ack(session: agentSession, id: clientID, seq: seq) }
            return ServerFrames.ack(id: clientID, seq: seq ?? 0)
        }
    }

    public var session: String
    public var seq: Int
    public var ack: Ack?
    /// The visitor's first words: route the chat to an agent once they are
    /// on disk, so the offer shows them.
    public var route = false
}
