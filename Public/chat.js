/*
 * NightDesk demo chat panel: a minimal visitor client for protocol nightdesk.v1.
 *
 * Plain JavaScript, no dependency, no build step. Works under a strict CSP:
 * no inline script, no inline styles, no innerHTML. Every piece of text that
 * came from the network is set with textContent only (visitor and agent text
 * is hostile data).
 */
(function () {
  "use strict";

  var PROTOCOL = "nightdesk.v1";
  var MAX_TEXT = 4000;             // server default text limit (characters)
  var MAX_FRAME_BYTES = 16 * 1024; // server default frame limit
  var BACKOFF_BASE_MS = 1000;
  var BACKOFF_MAX_MS = 30000;
  var TYPING_REFRESH_MS = 5000;    // re-send "typing on" at most this often
  var TYPING_IDLE_MS = 3000;       // send "typing off" after this much quiet
  var TYPING_SHOW_MS = 10000;      // hide a remote "typing" we never heard "off" for
  var RETRY_PENDING_MS = 10000;    // re-send after `unavailable` / `rate_limited`
  var TRANSCRIPT_CACHE_MAX = 300;  // messages kept in localStorage for reloads

  var root = document.querySelector("[data-site]");
  if (!root || typeof window.WebSocket !== "function") {
    return;
  }

  function part(name) {
    return root.querySelector('[data-chat="' + name + '"]');
  }

  var ui = {
    siteName: part("site-name"),
    office: part("office"),
    phone: part("phone"),
    offline: part("offline"),
    offlineText: part("offline-text"),
    retry: part("retry"),
    log: part("log"),
    typing: part("typing"),
    error: part("error"),
    ended: part("ended"),
    endedReason: part("ended-reason"),
    restart: part("restart"),
    form: part("form"),
    input: part("input"),
    send: part("send"),
    leave: part("leave")
  };

  var site = (root.getAttribute("data-site") || "").trim() || "demo";

  // ---------------------------------------------------------------------------
  // Storage (localStorage may be unavailable: private mode, disabled cookies)

  var KEY_PREFIX = "nightdesk:" + site + ":";
  var KEY_RESUME = KEY_PREFIX + "resume";
  var KEY_LAST_SEQ = KEY_PREFIX + "last_seq";
  var KEY_OUTBOX = KEY_PREFIX + "outbox";
  var KEY_TRANSCRIPT = KEY_PREFIX + "transcript";

  function storeGet(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function storeSet(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* ignore */ }
  }
  function storeRemove(key) {
    try { window.localStorage.removeItem(key); } catch (e) { /* ignore */ }
  }
  function storeGetJSON(key) {
    var raw = storeGet(key);
    if (!raw) { return null; }
    try { return JSON.parse(raw); } catch (e) { return null; }
  }

  // ---------------------------------------------------------------------------
  // State

  var ws = null;
  var connected = false;       // a `welcome` was received on the current socket
  var ended = false;           // the session ended; no reconnect until restart
  var fatal = false;           // e.g. unknown_site: stop reconnecting
  var attempt = 0;
  var reconnectTimer = null;
  var pendingRetryTimer = null;

  var messages = new Map();    // seq -> message (real ones, from the server)
  var lastSeq = 0;             // highest seq such that we hold every message up to it
  var outbox = [];             // unacked says, oldest first: {id, text, at, linkedSeq}
  var acked = new Map();       // seq -> stand-in message for an acked say whose `message` is not here yet
  var failed = [];             // says the server refused for good: {id, text, at, reason}
  var nodes = new Map();       // render key -> <li>

  var typingSentOn = false;
  var typingLastSent = 0;
  var typingIdleTimer = null;
  var remoteTyping = new Map(); // name -> hide timer

  // ---------------------------------------------------------------------------
  // Helpers

  function randomId() {
    var bytes = new Uint8Array(16);
    if (window.crypto && window.crypto.getRandomValues) {
      window.crypto.getRandomValues(bytes);
    } else {
      for (var i = 0; i < bytes.length; i++) { bytes[i] = Math.floor(Math.random() * 256); }
    }
    var hex = "";
    for (var j = 0; j < bytes.length; j++) { hex += (bytes[j] + 256).toString(16).slice(1); }
    return "c-" + hex;
  }

  function isString(v) { return typeof v === "string"; }
  function isSeq(v) { return typeof v === "number" && isFinite(v) && v >= 1 && Math.floor(v) === v; }

  function parseTime(s) {
    if (!isString(s)) { return null; }
    var d = new Date(s);
    return isNaN(d.getTime()) ? null : d;
  }

  function sameDay(a, b) {
    return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() &&
      a.getDate() === b.getDate();
  }

  function formatMessageTime(d) {
    try {
      var opts = { hour: "numeric", minute: "2-digit" };
      if (!sameDay(d, new Date())) {
        opts.month = "short";
        opts.day = "numeric";
      }
      return new Intl.DateTimeFormat(undefined, opts).format(d);
    } catch (e) {
      return d.toLocaleTimeString();
    }
  }

  var siteTimeZone;

  function formatNextOpen(d) {
    try {
      var now = new Date();
      var opts = { weekday: "short", hour: "numeric", minute: "2-digit", timeZone: siteTimeZone };
      // More than six days away: the weekday alone would be ambiguous.
      if (d.getTime() - now.getTime() > 6 * 24 * 3600 * 1000) {
        opts.month = "short";
        opts.day = "numeric";
      }
      return new Intl.DateTimeFormat(undefined, opts).format(d);
    } catch (e) {
      return d.toLocaleString();
    }
  }

  function telHref(phone) {
    var digits = String(phone).replace(/[^0-9+]/g, "");
    return digits ? "tel:" + digits : null;
  }

  function show(el, visible) {
    if (el) { el.hidden = !visible; }
  }

  function setError(text) {
    if (!ui.error) { return; }
    ui.error.textContent = text || "";
    show(ui.error, !!text);
  }

  // ---------------------------------------------------------------------------
  // Persistence of session, outbox and transcript

  function saveOutbox() {
    var items = outbox.map(function (p) { return { id: p.id, text: p.text, at: p.at }; });
    if (items.length) { storeSet(KEY_OUTBOX, JSON.stringify(items)); } else { storeRemove(KEY_OUTBOX); }
  }

  function loadOutbox() {
    var items = storeGetJSON(KEY_OUTBOX);
    outbox = [];
    if (!Array.isArray(items)) { return; }
    items.forEach(function (p) {
      if (p && isString(p.id) && p.id.length >= 1 && p.id.length <= 64 && isString(p.text)) {
        outbox.push({ id: p.id, text: p.text, at: isString(p.at) ? p.at : new Date().toISOString(),
          linkedSeq: null });
      }
    });
  }

  // The transcript is cached so that a reload, which resumes with `last_seq`
  // and therefore only receives newer messages, still shows the whole chat.
  function saveTranscript() {
    if (!storeGet(KEY_RESUME)) { return; }
    var list = sortedMessages().filter(function (m) { return m.seq <= lastSeq; });
    if (list.length > TRANSCRIPT_CACHE_MAX) { list = list.slice(list.length - TRANSCRIPT_CACHE_MAX); }
    storeSet(KEY_TRANSCRIPT, JSON.stringify(list));
    if (lastSeq > 0) { storeSet(KEY_LAST_SEQ, String(lastSeq)); } else { storeRemove(KEY_LAST_SEQ); }
  }

  function loadTranscript() {
    var list = storeGetJSON(KEY_TRANSCRIPT);
    var stored = parseInt(storeGet(KEY_LAST_SEQ) || "", 10);
    if (!Array.isArray(list) || !(stored >= 1)) {
      // Without the messages, asking for only newer ones would show a partial
      // chat: ask for everything instead.
      storeRemove(KEY_TRANSCRIPT);
      storeRemove(KEY_LAST_SEQ);
      return;
    }
    list.forEach(function (m) {
      if (m && isSeq(m.seq) && m.seq <= stored) { addMessage(m, false); }
    });
    lastSeq = stored;
  }

  function forgetSession() {
    storeRemove(KEY_RESUME);
    storeRemove(KEY_LAST_SEQ);
    storeRemove(KEY_TRANSCRIPT);
  }

  // ---------------------------------------------------------------------------
  // Messages

  function validMessage(m) {
    if (!m || typeof m !== "object" || !isSeq(m.seq)) { return null; }
    var from = m.from;
    if (from !== "visitor" && from !== "bot" && from !== "agent" && from !== "system") { from = "system"; }
    return {
      seq: m.seq,
      from: from,
      name: isString(m.name) ? m.name : "",
      text: isString(m.text) ? m.text : "",
      at: isString(m.at) ? m.at : ""
    };
  }

  function sortedMessages() {
    return Array.from(messages.values()).sort(function (a, b) { return a.seq - b.seq; });
  }

  function normalize(text) {
    return String(text).replace(/\r\n?/g, "\n").trim();
  }

  function addMessage(raw, live) {
    var msg = validMessage(raw);
    if (!msg) { return; }
    var isNew = !messages.has(msg.seq);
    messages.set(msg.seq, msg);
    acked.delete(msg.seq);
    while (messages.has(lastSeq + 1)) { lastSeq += 1; }

    if (isNew && msg.from === "visitor") {
      // Our own say may come back (live, or in the history after a reconnect)
      // before its ack: show it once, as "sending", until the ack settles it.
      var linked = outbox.some(function (p) { return p.linkedSeq === msg.seq; });
      if (!linked) {
        for (var i = 0; i < outbox.length; i++) {
          var p = outbox[i];
          if (p.linkedSeq === null && normalize(p.text) === normalize(msg.text)) {
            p.linkedSeq = msg.seq;
            break;
          }
        }
      }
    }
    if (live && (msg.from === "agent" || msg.from === "bot") && msg.name) {
      clearRemoteTyping(msg.name);
    }
  }

  // ---------------------------------------------------------------------------
  // Rendering (keyed, incremental: the log is aria-live)

  var LABELS = { visitor: "You", bot: "Assistant", agent: "Staff", system: "" };

  function entries() {
    var list = [];
    var linked = new Map();
    outbox.forEach(function (p) { if (p.linkedSeq !== null) { linked.set(p.linkedSeq, p); } });

    var seqs = new Set();
    messages.forEach(function (m, seq) { seqs.add(seq); });
    acked.forEach(function (m, seq) { seqs.add(seq); });
    Array.from(seqs).sort(function (a, b) { return a - b; }).forEach(function (seq) {
      var m = messages.get(seq) || acked.get(seq);
      var state = linked.has(seq) ? "pending" : "sent";
      list.push({ key: "m" + seq, msg: m, state: state });
    });
    outbox.forEach(function (p) {
      if (p.linkedSeq === null) {
        list.push({ key: "p" + p.id, msg: { from: "visitor", name: "", text: p.text, at: p.at }, state: "pending" });
      }
    });
    failed.forEach(function (f) {
      list.push({ key: "f" + f.id, msg: { from: "visitor", name: "", text: f.text, at: f.at }, state: "failed", reason: f.reason });
    });
    return list;
  }

  function statusText(e) {
    if (e.state === "pending") {
      return connected ? "Sending…" : "Waiting for connection…";
    }
    if (e.state === "failed") {
      return "Not sent" + (e.reason ? ": " + e.reason : "");
    }
    return "";
  }

  function buildNode(e) {
    var m = e.msg;
    var li = document.createElement("li");
    li.className = "msg msg--" + m.from;

    if (m.from !== "system") {
      var meta = document.createElement("p");
      meta.className = "msg__meta";
      var who = document.createElement("span");
      who.className = "msg__name";
      who.textContent = m.from === "visitor" ? LABELS.visitor : (m.name || LABELS[m.from]);
      meta.appendChild(who);
      var d = parseTime(m.at);
      if (d) {
        meta.appendChild(document.createTextNode(" "));
        var time = document.createElement("time");
        time.className = "msg__time";
        time.setAttribute("datetime", m.at);
        time.textContent = formatMessageTime(d);
        meta.appendChild(time);
      }
      li.appendChild(meta);
    }

    var body = document.createElement("p");
    body.className = "msg__text";
    body.textContent = m.text;
    if (m.from === "system") {
      var d2 = parseTime(m.at);
      if (d2) {
        body.appendChild(document.createTextNode(" · "));
        var t2 = document.createElement("time");
        t2.className = "msg__time";
        t2.setAttribute("datetime", m.at);
        t2.textContent = formatMessageTime(d2);
        body.appendChild(t2);
      }
    }
    li.appendChild(body);

    var status = document.createElement("p");
    status.className = "msg__status";
    li.appendChild(status);
    li._ndStatus = status;
    li._ndText = m.text;
    li._ndAt = m.at;
    return li;
  }

  function render() {
    var list = entries();
    var wanted = new Set(list.map(function (e) { return e.key; }));
    var nearBottom = ui.log.scrollHeight - ui.log.scrollTop - ui.log.clientHeight < 80;

    nodes.forEach(function (node, key) {
      if (!wanted.has(key)) {
        if (node.parentNode) { node.parentNode.removeChild(node); }
        nodes.delete(key);
      }
    });

    var prev = null;
    list.forEach(function (e) {
      var node = nodes.get(e.key);
      if (node && (node._ndText !== e.msg.text || node._ndAt !== e.msg.at)) {
        // The server's copy replaced a stand-in with different text.
        if (node.parentNode) { node.parentNode.removeChild(node); }
        node = null;
      }
      if (!node) {
        node = buildNode(e);
        nodes.set(e.key, node);
      }
      var text = statusText(e);
      if (node._ndStatus.textContent !== text) { node._ndStatus.textContent = text; }
      node._ndStatus.hidden = !text;
      node.classList.toggle("msg--pending", e.state === "pending");
      node.classList.toggle("msg--failed", e.state === "failed");

      var expectedPosition = prev ? prev.nextSibling : ui.log.firstChild;
      if (expectedPosition !== node) {
        ui.log.insertBefore(node, expectedPosition);
      }
      prev = node;
    });

    if (nearBottom) { ui.log.scrollTop = ui.log.scrollHeight; }
  }

  // ---------------------------------------------------------------------------
  // Header: site and office

  function showSite(s) {
    if (!s || typeof s !== "object") { return; }
    if (isString(s.name) && s.name && ui.siteName) { ui.siteName.textContent = s.name; }
    if (isString(s.phone) && s.phone && ui.phone) {
      var href = telHref(s.phone);
      ui.phone.textContent = s.phone;
      if (href) { ui.phone.setAttribute("href", href); } else { ui.phone.removeAttribute("href"); }
    }
  }

  function showOffice(o) {
    if (!ui.office) { return; }
    ui.office.classList.remove("chat__office--open", "chat__office--closed");
    if (!o || typeof o !== "object") { ui.office.textContent = ""; return; }
    if (o.open === true) {
      ui.office.textContent = "We're open";
      ui.office.classList.add("chat__office--open");
      return;
    }
    var next = parseTime(o.next_open);
    ui.office.textContent = next
      ? "We're closed now; we open again " + formatNextOpen(next)
      : "We're closed now";
    ui.office.classList.add("chat__office--closed");
  }

  // ---------------------------------------------------------------------------
  // Connection state UI

  function updateControls() {
    var live = connected && !ended;
    if (ui.leave) { ui.leave.disabled = !live; }
    if (ui.input) { ui.input.disabled = ended || fatal; }
    if (ui.send) { ui.send.disabled = ended || fatal; }
    show(ui.form, !ended);
    show(ui.ended, ended);
    root.classList.toggle("chat--offline", !connected && !ended);
  }

  function showOffline(visible) {
    show(ui.offline, visible && !ended && !fatal);
    updateOfflineText();
  }

  function updateOfflineText() {
    if (!ui.offlineText) { return; }
    if (navigator.onLine === false) {
      ui.offlineText.textContent = "You're offline. We'll reconnect when your connection is back.";
      return;
    }
    // No live countdown: this is a status region and would chatter every second.
    ui.offlineText.textContent = "Connection lost. Reconnecting…";
  }

  // ---------------------------------------------------------------------------
  // Socket

  function wsUrl() {
    return (window.location.protocol === "https:" ? "wss://" : "ws://") + window.location.host + "/ws";
  }

  function utmParams() {
    var utm = {};
    var any = false;
    try {
      var params = new URLSearchParams(window.location.search);
      params.forEach(function (value, key) {
        if (key.indexOf("utm_") === 0 && key.length > 4 && value) {
          utm[key.slice(4)] = value.slice(0, 200);
          any = true;
        }
      });
    } catch (e) { /* ignore */ }
    return any ? utm : null;
  }

  function sendFrame(obj) {
    if (!ws || ws.readyState !== WebSocket.OPEN) { return false; }
    try {
      ws.send(JSON.stringify(obj));
      return true;
    } catch (e) {
      return false;
    }
  }

  function connect() {
    if (ended || fatal) { return; }
    if (ws && (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING)) { return; }
    clearTimeout(reconnectTimer);
    reconnectTimer = null;

    var sock;
    try {
      sock = new WebSocket(wsUrl(), PROTOCOL);
    } catch (e) {
      scheduleReconnect();
      return;
    }
    ws = sock;

    sock.addEventListener("open", function () {
      if (ws !== sock) { return; }
      var hello = { type: "hello", role: "visitor", site: site };
      var resume = storeGet(KEY_RESUME);
      if (resume) {
        hello.resume = resume;
        if (lastSeq > 0) { hello.last_seq = lastSeq; }
      }
      hello.page = window.location.href;
      if (document.referrer) { hello.referrer = document.referrer; }
      var utm = utmParams();
      if (utm) { hello.utm = utm; }
      sendFrame(hello);
    });

    sock.addEventListener("message", function (ev) {
      if (ws !== sock) { return; }
      if (typeof ev.data !== "string") { return; }
      var frame;
      try { frame = JSON.parse(ev.data); } catch (e) { return; }
      if (!frame || typeof frame !== "object" || !isString(frame.type)) { return; }
      handleFrame(frame);
    });

    sock.addEventListener("close", function () {
      if (ws !== sock) { return; }
      ws = null;
      var wasConnected = connected;
      connected = false;
      typingSentOn = false;
      clearAllRemoteTyping();
      updateControls();
      render();
      if (ended || fatal) {
        showOffline(false);
        return;
      }
      if (wasConnected) { attempt = 0; }
      scheduleReconnect();
      showOffline(true);
    });

    sock.addEventListener("error", function () {
      // A `close` event always follows; reconnecting is handled there.
    });
  }

  function scheduleReconnect() {
    if (ended || fatal) { return; }
    clearTimeout(reconnectTimer);
    var ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * Math.pow(2, attempt));
    // "Equal jitter": at least half the ceiling, plus a random share of the rest.
    var delay = ceiling / 2 + Math.random() * ceiling / 2;
    attempt = Math.min(attempt + 1, 16);
    reconnectTimer = setTimeout(function () {
      reconnectTimer = null;
      if (navigator.onLine === false) { updateOfflineText(); return; } // wait for "online"
      connect();
    }, delay);
  }

  function reconnectNow() {
    if (ended || fatal) { return; }
    clearTimeout(reconnectTimer);
    reconnectTimer = null;
    attempt = 0;
    connect();
    updateOfflineText();
  }

  // ---------------------------------------------------------------------------
  // Frames from the server

  function handleFrame(f) {
    switch (f.type) {
      case "welcome": onWelcome(f); break;
      case "message": onMessage(f); break;
      case "ack": onAck(f); break;
      case "typing": onTyping(f); break;
      case "ended": onEnded(f); break;
      case "error": onError(f); break;
      default: break; // unknown frames are ignored (forward compatibility)
    }
  }

  function onWelcome(f) {
    connected = true;
    attempt = 0;
    clearTimeout(reconnectTimer);
    reconnectTimer = null;
    showOffline(false);
    setError("");

    if (f.resumed !== true) {
      // A new session: whatever we held belongs to an earlier one.
      messages.clear();
      acked.clear();
      lastSeq = 0;
      nodes.forEach(function (n) { if (n.parentNode) { n.parentNode.removeChild(n); } });
      nodes.clear();
      outbox.forEach(function (p) { p.linkedSeq = null; });
      storeRemove(KEY_TRANSCRIPT);
      storeRemove(KEY_LAST_SEQ);
    }
    if (isString(f.resume) && f.resume) { storeSet(KEY_RESUME, f.resume); }

    showSite(f.site);
    // Opening times read in the practice's own time zone, as its staff and
    // its auto-responder say them.
    siteTimeZone = f.site && typeof f.site.time_zone === "string" ? f.site.time_zone : undefined;
    showOffice(f.office);

    if (Array.isArray(f.history)) {
      f.history.forEach(function (m) { addMessage(m, false); });
    }
    saveTranscript();

    // Re-send every unacknowledged say, with its original id, in order.
    outbox.forEach(function (p) {
      sendFrame({ type: "say", id: p.id, text: p.text });
    });

    updateControls();
    render();
  }

  function onMessage(f) {
    addMessage(f, true);
    saveTranscript();
    render();
  }

  function onAck(f) {
    if (!isString(f.id)) { return; }
    var idx = -1;
    for (var i = 0; i < outbox.length; i++) {
      if (outbox[i].id === f.id) { idx = i; break; }
    }
    if (idx < 0) { return; }
    var p = outbox[idx];
    outbox.splice(idx, 1);
    saveOutbox();
    if (isSeq(f.seq) && !messages.has(f.seq)) {
      // Stored, but its `message` frame has not reached us yet: keep it in place.
      acked.set(f.seq, { seq: f.seq, from: "visitor", name: "", text: p.text, at: p.at });
    }
    render();
  }

  function onTyping(f) {
    var name = isString(f.name) && f.name ? f.name : (f.from === "agent" ? "Staff" : "The assistant");
    if (f.on === true) {
      clearTimeout(remoteTyping.get(name));
      remoteTyping.set(name, setTimeout(function () { clearRemoteTyping(name); }, TYPING_SHOW_MS));
    } else {
      clearRemoteTyping(name);
      return;
    }
    renderTyping();
  }

  function clearRemoteTyping(name) {
    if (!remoteTyping.has(name)) { return; }
    clearTimeout(remoteTyping.get(name));
    remoteTyping.delete(name);
    renderTyping();
  }

  function clearAllRemoteTyping() {
    remoteTyping.forEach(function (t) { clearTimeout(t); });
    remoteTyping.clear();
    renderTyping();
  }

  function renderTyping() {
    if (!ui.typing) { return; }
    var names = Array.from(remoteTyping.keys());
    if (!names.length) {
      ui.typing.textContent = "";
      ui.typing.hidden = true;
      return;
    }
    ui.typing.textContent = names.join(" and ") + (names.length > 1 ? " are typing…" : " is typing…");
    ui.typing.hidden = false;
  }

  var ENDED_REASONS = {
    visitor_left: "You ended the chat.",
    agent_closed: "The practice closed this chat.",
    idle: "This chat ended after a period of inactivity."
  };

  function onEnded(f) {
    ended = true;
    connected = false;
    clearTimeout(reconnectTimer);
    reconnectTimer = null;
    clearTimeout(pendingRetryTimer);
    clearTimeout(typingIdleTimer);
    clearAllRemoteTyping();
    forgetSession();
    // Says never acknowledged were not stored: say so rather than drop them silently.
    outbox.forEach(function (p) {
      failed.push({ id: p.id, text: p.text, at: p.at, reason: "the chat ended before it was delivered" });
    });
    outbox = [];
    saveOutbox();
    if (ui.endedReason) {
      ui.endedReason.textContent = ENDED_REASONS[f.reason] || "This chat is over.";
    }
    showOffline(false);
    setError("");
    updateControls();
    render();
    if (ui.restart) { ui.restart.focus(); }
  }

  var ERROR_TEXT = {
    bad_request: "Something went wrong with that request. Please try again.",
    hello_required: "The chat could not start. Reconnecting…",
    unauthorized: "This chat is not allowed here.",
    unknown_site: "Chat isn't set up for this website yet. Please call us instead.",
    unknown_session: "That chat could not be found. Please start a new chat.",
    not_assigned: "That action isn't available in this chat.",
    conflict: "Someone else already did that. Please try again.",
    too_large: "That message is too long. Please shorten it and send it again.",
    rate_limited: "You're sending messages very quickly. We'll send yours in a moment."
  };

  function onError(f) {
    var code = isString(f.code) ? f.code : "";
    var serverText = isString(f.message) ? f.message : "";
    var text;
    if (code === "unavailable") {
      text = serverText || "We can't take messages right now. Please try again shortly, or call us.";
    } else {
      text = ERROR_TEXT[code] || "Something went wrong. Please try again.";
    }

    if (code === "unknown_site") {
      fatal = true;
      showOffline(false);
      updateControls();
    }

    var ref = isString(f.ref) ? f.ref : null;
    var p = null;
    if (ref) {
      for (var i = 0; i < outbox.length; i++) {
        if (outbox[i].id === ref) { p = outbox[i]; break; }
      }
    }
    if (p) {
      if (code === "unavailable" || code === "rate_limited") {
        // Not stored yet, but worth another try: keep it pending and retry later.
        schedulePendingRetry();
      } else {
        // Refused for good (too long, malformed): keep the words, stop re-sending.
        outbox.splice(outbox.indexOf(p), 1);
        saveOutbox();
        failed.push({ id: p.id, text: p.text, at: p.at, reason: code === "too_large" ? "too long" : "refused" });
        if (ui.input && !ui.input.value) { ui.input.value = p.text; }
        render();
      }
    }
    setError(text);
  }

  function schedulePendingRetry() {
    clearTimeout(pendingRetryTimer);
    pendingRetryTimer = setTimeout(function () {
      if (!connected) { return; } // a reconnect re-sends everything anyway
      outbox.forEach(function (p) {
        sendFrame({ type: "say", id: p.id, text: p.text });
      });
    }, RETRY_PENDING_MS);
  }

  // ---------------------------------------------------------------------------
  // Sending

  function utf8Length(s) {
    try { return new TextEncoder().encode(s).length; } catch (e) { return s.length * 3; }
  }

  function submit() {
    if (ended || fatal) { return; }
    var text = ui.input.value.replace(/\r\n?/g, "\n");
    if (!text.trim()) { return; }
    if (text.length > MAX_TEXT) {
      setError("That message is too long (" + text.length + " characters). Please keep it under " + MAX_TEXT + ".");
      return;
    }
    var p = { id: randomId(), text: text, at: new Date().toISOString(), linkedSeq: null };
    if (utf8Length(JSON.stringify({ type: "say", id: p.id, text: text })) > MAX_FRAME_BYTES) {
      setError("That message is too long. Please shorten it.");
      return;
    }
    setError("");
    outbox.push(p);
    saveOutbox();
    ui.input.value = "";
    stopTyping();
    if (connected) { sendFrame({ type: "say", id: p.id, text: p.text }); }
    render();
    ui.log.scrollTop = ui.log.scrollHeight;
  }

  function onInput() {
    if (!connected) { return; }
    if (!ui.input.value.trim()) { stopTyping(); return; }
    var now = Date.now();
    if (!typingSentOn || now - typingLastSent > TYPING_REFRESH_MS) {
      if (sendFrame({ type: "typing", on: true })) {
        typingSentOn = true;
        typingLastSent = now;
      }
    }
    clearTimeout(typingIdleTimer);
    typingIdleTimer = setTimeout(stopTyping, TYPING_IDLE_MS);
  }

  function stopTyping() {
    clearTimeout(typingIdleTimer);
    typingIdleTimer = null;
    if (typingSentOn) {
      sendFrame({ type: "typing", on: false });
      typingSentOn = false;
    }
  }

  function leave() {
    if (!connected || ended) { return; }
    stopTyping();
    if (ui.leave) { ui.leave.disabled = true; }
    sendFrame({ type: "leave" });
  }

  function restart() {
    ended = false;
    fatal = false;
    connected = false;
    forgetSession();
    messages.clear();
    acked.clear();
    failed = [];
    outbox = [];
    saveOutbox();
    lastSeq = 0;
    nodes.forEach(function (n) { if (n.parentNode) { n.parentNode.removeChild(n); } });
    nodes.clear();
    setError("");
    if (ui.office) { ui.office.textContent = "Connecting…"; }
    updateControls();
    attempt = 0;
    if (ws) {
      var old = ws;
      ws = null;
      try { old.close(1000); } catch (e) { /* ignore */ }
    }
    connect();
    if (ui.input) { ui.input.focus(); }
  }

  // ---------------------------------------------------------------------------
  // Wiring

  ui.form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    submit();
  });

  ui.input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing && ev.keyCode !== 229) {
      ev.preventDefault();
      submit();
    }
  });

  ui.input.addEventListener("input", onInput);
  ui.input.addEventListener("blur", stopTyping);

  if (ui.leave) { ui.leave.addEventListener("click", leave); }
  if (ui.restart) { ui.restart.addEventListener("click", restart); }
  if (ui.retry) { ui.retry.addEventListener("click", reconnectNow); }

  window.addEventListener("online", reconnectNow);
  window.addEventListener("offline", updateOfflineText);

  // ---------------------------------------------------------------------------
  // Start

  loadOutbox();
  if (storeGet(KEY_RESUME)) {
    loadTranscript();
  } else {
    storeRemove(KEY_TRANSCRIPT);
    storeRemove(KEY_LAST_SEQ);
  }
  updateControls();
  render();
  connect();
})();
