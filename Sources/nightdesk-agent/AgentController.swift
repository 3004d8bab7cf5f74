import NightDeskCore
import NightDeskTransport

/// The agent client's brain. It lives on the WebSocket client's service
/// thread: server frames, keystrokes (posted by the reader thread), signals
/// and timer ticks all arrive there one at a time, so its state needs no
/// lock. Frames are in +Frames, commands in +Commands, keys in +Keyboard.
final class AgentController: WebSocketClientDelegate {
    /// Where the connection stands; drives reconnects and the status line.
    enum Link {
        case idle
        case connecting
        case signingIn(since: Double)
        case online
        case waiting(until: Double, reason: String)
        case closing
    }

    struct QuitPlan {
        var code: Int32
        var deadline: Double
        var closing = false
    }

    static let quitGraceSeconds = 3.0
    static let welcomeTimeoutSeconds = 15.0
    static let typingIdleSeconds = 5.0
    static let retryAfterRefusalSeconds = 5.0

    let client: WebSocketClient
    let screen: Screen
    let token: String
    let exitStatus: ExitStatus
    let serverURL: String

    var link = Link.idle
    var backoff = Backoff()
    var book = ChatBook()
    var pending = PendingSays()
    /// Lead frames awaiting their ack: id → chat number.
    var pendingLeads: [String: Int] = [:]
    var ids = FrameIDs()
    var me: (id: String, name: String)?
    var available = false
    /// What the agent asked for; restored after a reconnect, since a new
    /// connection starts away.
    var wantAvailable = false
    var tokenRefused = false
    var everSignedIn = false
    var quit: QuitPlan?
    var editor = LineEditor()
    var splitter = LineSplitter()
    var typing: (session: String, lastKey: Double, sentAt: Double)?
    /// The chat of the last /accept, to explain a `conflict`.
    var lastAccept: Int?
    /// Says refused with `unavailable` or `rate_limited` go again at this time.
    var resendAt: Double?
    /// Chats carried on after a (re)connect whose history was asked for
    /// (a takeover of one's own chat answers `assigned` with all of it):
    /// their `assigned` shows only what was missed and switches nothing.
    var resyncing: Set<String> = []

    init(client: WebSocketClient, screen: Screen, token: String, exitStatus: ExitStatus) {
        self.client = client
        self.screen = screen
        self.token = token
        self.exitStatus = exitStatus
        self.serverURL = client.options.url
    }

    var isOnline: Bool {
        if case .online = link { return true }
        return false
    }

    func start() {
        notice("connecting to \(serverURL); /help lists the commands")
        link = .connecting
        client.connect()
        refresh()
    }

    // MARK: WebSocketClientDelegate

    func connected() {
        link = .signingIn(since: AgentClock.now())
        client.send(ClientFrames.hello(token: token))
        refresh()
    }

    func received(text: String) {
        handle(ServerFrame.parse(text))
        refresh()
    }

    func closed(code: UInt16, reason: String) {
        let why = reason.isEmpty ? "closed, code \(code)" : "closed, code \(code): \(Sanitize.field(reason, limit: 80))"
        if code == 1008, quit == nil, !tokenRefused {
            // A policy close (signed in from another place, a protocol
            // error) would only repeat: two clients of one agent that both
            // reconnected would take turns kicking each other out.
            problem("the server ended the session (\(why)); not reconnecting")
            for chat in book.mine { book[chat.number]?.visitorTyping = false }
            finish(1)
            return
        }
        connectionLost(why)
    }

    func connectionFailed(_ reason: String) {
        var why = Sanitize.field(reason, limit: 120)
        // lws reports an untrusted certificate as "connect SSL err 1: ...".
        if client.options.useTLS, why.lowercased().contains("ssl") || why.lowercased().contains("tls") {
            why += "; is the server's certificate trusted? (--ca-file FILE)"
        }
        connectionLost(why)
    }

    func tick() {
        let now = AgentClock.now()
        switch link {
        case .waiting(let until, _) where now >= until:
            link = .connecting
            client.connect()
        case .signingIn(let since) where now - since > AgentController.welcomeTimeoutSeconds:
            client.close(code: 1000, reason: "no welcome")
        default:
            break
        }
        for offer in book.expireOffers(now: now) {
            let name = book[offer.number]?.practice ?? "chat"
            show([StyledLine("offer #\(offer.number) \(name) lapsed: it goes to the next agent or stays with the auto-responder", .dim)])
        }
        if let t = typing, now - t.lastKey > AgentController.typingIdleSeconds { stopTyping() }
        if let at = resendAt, now >= at, isOnline {
            resendAt = nil
            resendPending()
        }
        if let plan = quit {
            if !plan.closing, pending.isEmpty || now >= plan.deadline {
                closeForQuit()
            } else if plan.closing, now >= plan.deadline {
                finish(plan.code) // the server never answered our Close
            }
        }
        refresh()
    }

    // MARK: Connection

    private func connectionLost(_ why: String) {
        for chat in book.mine { book[chat.number]?.visitorTyping = false }
        typing = nil
        // The server holds no availability for a dropped agent; `welcome`
        // and the status we send then (`wantAvailable`) bring it back.
        available = false
        if let plan = quit {
            finish(plan.code)
            return
        }
        if tokenRefused {
            problem("check --token-file or NIGHTDESK_AGENT_TOKEN, or ask for a new token (nightdesk agents add)")
            finish(2)
            return
        }
        let delay = backoff.nextDelay()
        link = .waiting(until: AgentClock.now() + delay, reason: why)
        let shown = String(format: "%.1f", delay)
        if everSignedIn {
            problem("disconnected (\(why)); reconnecting in \(shown)s")
        } else {
            problem("cannot connect to \(serverURL) (\(why)); retrying in \(shown)s")
        }
        refresh()
    }

    func resendPending() {
        for say in pending.items {
            client.send(ClientFrames.say(session: say.session, id: say.id, text: say.text))
        }
    }

    // MARK: Quitting

    func beginQuit(_ code: Int32) {
        if let plan = quit {
            finish(plan.code) // asked twice: go now
            return
        }
        quit = QuitPlan(code: code, deadline: AgentClock.now() + AgentController.quitGraceSeconds)
        stopTyping()
        if isOnline, !pending.isEmpty {
            notice("sending \(pending.items.count) unsent message(s) before leaving (up to \(Int(AgentController.quitGraceSeconds)) s)…")
            return
        }
        closeForQuit()
    }

    private func closeForQuit() {
        guard var plan = quit else { return }
        plan.closing = true
        plan.deadline = AgentClock.now() + 2
        quit = plan
        if !pending.isEmpty {
            problem("\(pending.items.count) message(s) were not confirmed by the server and may not have been delivered")
        }
        switch link {
        case .online, .signingIn, .connecting:
            link = .closing
            client.close(code: 1000, reason: "agent quit")
        case .closing:
            break
        case .idle, .waiting:
            finish(plan.code)
        }
    }

    func finish(_ code: Int32) {
        link = .closing
        exitStatus.set(code)
        screen.finish()
        client.stop()
    }

    // MARK: Output

    func show(_ lines: [StyledLine]) { screen.show(lines) }

    /// Connection events and other notes: stderr, like logs.
    func notice(_ text: String) { screen.show([StyledLine(text, .dim)], on: .err) }

    /// Refusals and failures: stderr, in bold.
    func problem(_ text: String) { screen.show([StyledLine(text, .error)], on: .err) }

    /// Brings the status, pending and input lines up to date.
    func refresh() {
        let now = AgentClock.now()
        book.ensureActive()
        screen.setStatus(StatusLine(
            connection: connectionText(now: now),
            agentName: me?.name,
            available: available,
            offers: book.offers.map { ($0.number, max(0, Int(($0.deadline - now).rounded(.up)))) },
            mine: book.mine,
            active: book.active,
            unsent: isOnline ? 0 : pending.items.count))
        screen.setPending(pending.items.map { say in
            let prefix = say.session == activeChat?.session ? "" : "[#\(book.number(of: say.session) ?? 0)] "
            return "sending: " + prefix + Sanitize.lines(say.text).joined(separator: " / ")
        })
        screen.setInput(prompt: prompt, text: editor.buffer)
    }

    var activeChat: Chat? { book.active.flatMap { book[$0] } }

    private var prompt: String {
        guard let chat = activeChat else { return "> " }
        return "#\(chat.number) \(chat.practice)> "
    }

    private func connectionText(now: Double) -> String {
        switch link {
        case .idle, .connecting: return everSignedIn ? "reconnecting…" : "connecting…"
        case .signingIn: return "signing in…"
        case .online: return "online"
        case .waiting(let until, _): return "OFFLINE, retry in \(max(0, Int((until - now).rounded(.up))))s"
        case .closing: return "leaving…"
        }
    }
}
