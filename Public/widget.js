/*
 * NightDesk chat widget, protocol nightdesk.v1. Install with one tag:
 *   <script src="https://HOST/widget.js" data-site="demo" async></script>
 * Options (data- attributes on that tag): data-site (required),
 * data-color (#rgb or #rrggbb accent), data-position ("right" or "left").
 * Any element with a data-nightdesk-open attribute on the page opens the chat.
 *
 * Plain JavaScript, no dependency, no build step, one global (NightDesk).
 * Everything lives in a shadow root styled by a constructed stylesheet, so
 * it needs no inline style or extra stylesheet under the host page's CSP,
 * and CSS does not leak in or out. Text from the network is only ever set
 * with textContent: visitor, bot and agent text is hostile data.
 */
(function () {
  "use strict";

  if (window.NightDesk) { return; } // loaded twice: the first copy wins
  var script = document.currentScript || document.querySelector('script[data-site][src*="widget.js"]');
  if (!script || !script.src || typeof window.WebSocket !== "function" ||
      !document.documentElement.attachShadow || typeof Map !== "function") { return; }

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

  var base = new URL(script.src, window.location.href);
  var site = (script.getAttribute("data-site") || "").trim();
  if (!site) { return; }
  var position = script.getAttribute("data-position") === "left" ? "left" : "right";
  var color = /^#(?:[0-9a-f]{3}){1,2}$/i.test(script.getAttribute("data-color") || "") ? script.getAttribute("data-color") : "#0b6e6e";
  var wsUrl = (base.protocol === "https:" ? "wss://" : "ws://") + base.host + "/ws";

  var api = window.NightDesk = { version: "1" };

  // ---------------------------------------------------------------------------
  // Storage (localStorage may be unavailable: private mode, disabled cookies)

  var KEY = "nightdesk:" + site + ":";
  var KEY_RESUME = KEY + "resume", KEY_LAST_SEQ = KEY + "last_seq", KEY_OUTBOX = KEY + "outbox";
  var KEY_TRANSCRIPT = KEY + "transcript", KEY_SEEN = KEY + "seen", KEY_SITE = KEY + "site";
  var KEY_OPEN = KEY + "open", KEY_SOURCE = KEY + "source"; // these two per tab (sessionStorage)

  function area(session) {
    try { return session ? window.sessionStorage : window.localStorage; } catch (e) { return null; }
  }
  function storeGet(key, session) {
    try { return area(session).getItem(key); } catch (e) { return null; }
  }
  function storeSet(key, value, session) {
    try { area(session).setItem(key, value); } catch (e) { /* full or disabled */ }
  }
  function storeRemove(key) {
    try { area(false).removeItem(key); } catch (e) { /* ignore */ }
  }
  function storeGetJSON(key, session) {
    try { return JSON.parse(storeGet(key, session) || "null"); } catch (e) { return null; }
  }

  // ---------------------------------------------------------------------------
  // Helpers

  function randomId() {
    var bytes = new Uint8Array(16), hex = "";
    window.crypto.getRandomValues(bytes);
    for (var i = 0; i < bytes.length; i++) { hex += (bytes[i] + 256).toString(16).slice(1); }
    return "c-" + hex;
  }

  function isString(v) { return typeof v === "string"; }
  function isSeq(v) { return typeof v === "number" && isFinite(v) && v >= 1 && Math.floor(v) === v; }

  function parseTime(s) {
    var d = isString(s) ? new Date(s) : null;
    return d && !isNaN(d.getTime()) ? d : null;
  }

  function fmt(d, opts) {
    try { return new Intl.DateTimeFormat(undefined, opts).format(d); } catch (e) { return d.toLocaleString(); }
  }

  function formatMessageTime(d) {
    var opts = { hour: "numeric", minute: "2-digit" };
    if (new Date().toDateString() !== d.toDateString()) { opts.month = "short"; opts.day = "numeric"; }
    return fmt(d, opts);
  }

  // "8:00 AM Monday" in the practice's time zone (where its staff will be),
  // with the zone's name when the visitor's clock differs. A weekday rather
  // than "tomorrow": near midnight, whose tomorrow would be unclear.
  function formatNextOpen(d, tz) {
    function day(x) {
      try { return new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(x); } catch (e) { return x.toDateString(); }
    }
    var opts = { hour: "numeric", minute: "2-digit", timeZone: tz };
    try {
      var here = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" }).format(d);
      if (tz && here !== fmt(d, opts)) { opts.timeZoneName = "short"; }
    } catch (e) { /* no Intl time zones: visitor's clock */ }
    var time = fmt(d, opts), now = new Date();
    if (day(d) === day(now)) { return time + " today"; }
    var when = { weekday: "long", timeZone: tz };
    if (d.getTime() - now.getTime() > 6 * 864e5) { when.month = "short"; when.day = "numeric"; }
    try { return time + " " + new Intl.DateTimeFormat("en-US", when).format(d); } catch (e) { return d.toLocaleString(); }
  }

  function telHref(phone) {
    var digits = String(phone).replace(/[^0-9+]/g, "");
    return digits ? "tel:" + digits : null;
  }

  function safeUrl(u) {
    try {
      var url = new URL(u, base);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch (e) { return null; }
  }

  // Readable text on the accent colour: white or near-black, whichever contrasts more.
  function onColor(hex) {
    var h = hex.slice(1);
    if (h.length === 3) { h = h.replace(/./g, "$&$&"); }
    var lum = [0, 2, 4].map(function (i) {
      var c = parseInt(h.substr(i, 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    var l = 0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2];
    return (1.05 / (l + 0.05)) >= ((l + 0.05) / 0.05) ? "#ffffff" : "#111111";
  }

  function el(tag, cls, attrs, kids) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (kids || []).forEach(function (k) { e.appendChild(isString(k) ? document.createTextNode(k) : k); });
    return e;
  }

  var ICONS = {
    chat: "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z",
    close: "M6 6l12 12M18 6L6 18",
    send: "M3 11l18-8-8 18-2-8-8-2z",
    phone: "M6 3h3l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v3a2 2 0 0 1-2 2A17 17 0 0 1 4 5a2 2 0 0 1 2-2z"
  };

  function icon(name) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "icon");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", ICONS[name]);
    svg.appendChild(path);
    return svg;
  }

  // ---------------------------------------------------------------------------
  // The shadow root and its parts

  var host = document.createElement("nightdesk-chat");
  host.setAttribute("lang", "en");
  host.setAttribute("dir", "ltr");
  var shadow = host.attachShadow({ mode: "open" });
  var css; // set below: see STYLE
  var ui = {};

  function build() {
    ui.launcherLogo = el("img", "logo", { alt: "", hidden: "" });
    ui.launcherIcon = icon("chat");
    ui.launcherLabel = el("span", "launcher__label", {}, ["Chat with us"]);
    ui.badge = el("span", "badge", { "aria-hidden": "true", hidden: "" });
    ui.launcher = el("button", "launcher", { type: "button", "aria-expanded": "false", "aria-controls": "nd-panel" },
      [ui.launcherLogo, ui.launcherIcon, ui.launcherLabel, ui.badge]);

    ui.logo = el("img", "logo", { alt: "", hidden: "" });
    ui.title = el("h2", "title", { id: "nd-title" }, ["Chat with us"]);
    ui.tagline = el("p", "tagline", { hidden: "" });
    ui.phone = el("a", "phone", { hidden: "" });
    ui.hide = el("button", "icon-button", { type: "button", "aria-label": "Hide chat" }, [icon("close")]);
    var head = el("div", "head", {}, [ui.logo, el("div", "head__text", {}, [ui.title, ui.tagline, ui.phone]), ui.hide]);

    ui.office = el("p", "office", { hidden: "" });
    ui.retry = el("button", "link-button", { type: "button" }, ["Retry now"]);
    ui.offlineText = el("span", "", {}, ["Connection lost. Reconnecting…"]);
    ui.offline = el("p", "notice notice--offline", { role: "status", hidden: "" }, [ui.offlineText, " ", ui.retry]);
    ui.notice = el("p", "notice", { role: "status", hidden: "" });
    ui.log = el("ol", "log", { role: "log", "aria-live": "polite", "aria-label": "Chat messages", tabindex: "0" });
    ui.typing = el("p", "typing", { hidden: "" });
    ui.error = el("p", "error", { role: "alert", hidden: "" });

    ui.endedReason = el("p", "muted");
    ui.restart = el("button", "button button--primary", { type: "button" }, ["Start a new chat"]);
    ui.ended = el("div", "ended", { hidden: "" }, [el("p", "", {}, [el("strong", "", {}, ["Chat ended"])]), ui.endedReason, ui.restart]);

    ui.confirmYes = el("button", "button button--danger", { type: "button" }, ["End chat"]);
    ui.confirmNo = el("button", "button button--quiet", { type: "button" }, ["Keep chatting"]);
    ui.confirm = el("div", "confirm", { role: "group", "aria-labelledby": "nd-confirm", hidden: "" },
      [el("p", "", { id: "nd-confirm" }, ["End this chat? The practice keeps what you wrote."]), ui.confirmYes, ui.confirmNo]);

    ui.input = el("textarea", "input", { id: "nd-input", rows: "2", maxlength: String(MAX_TEXT),
      placeholder: "Type your message…", "aria-describedby": "nd-hint", autocomplete: "off" });
    ui.send = el("button", "send", { type: "submit", "aria-label": "Send" }, [icon("send")]);
    ui.form = el("form", "form", {}, [el("label", "vh", { for: "nd-input" }, ["Your message"]), ui.input, ui.send]);
    ui.leave = el("button", "link-button", { type: "button" }, ["End chat"]);
    ui.emergency = el("span", "", {}, ["Not for emergencies: call your local emergency number."]);
    var foot = el("div", "foot", {}, [el("p", "", {}, [el("span", "", { id: "nd-hint" }, ["Enter to send, Shift+Enter for a new line. "]), ui.emergency]), ui.leave]);

    ui.panel = el("section", "panel", { id: "nd-panel", role: "dialog", "aria-labelledby": "nd-title", hidden: "" },
      [head, ui.office, ui.offline, ui.notice, ui.log, ui.typing, ui.error, ui.ended, ui.confirm, ui.form, foot]);
    ui.root = el("div", "nd nd--" + position, {}, [ui.panel, ui.launcher]);
    ui.root.style.setProperty("--nd-brand", color);      // CSSOM: allowed under any CSP
    ui.root.style.setProperty("--nd-on-brand", onColor(color));
    shadow.appendChild(ui.root);
    [ui.logo, ui.launcherLogo].forEach(function (img) {
      img.addEventListener("error", function () { img.hidden = true; syncLauncherIcon(); });
    });
  }

  function syncLauncherIcon() {
    if (ui.launcherLogo.hidden) { ui.launcherIcon.removeAttribute("hidden"); } else { ui.launcherIcon.setAttribute("hidden", ""); }
  }

  // ---------------------------------------------------------------------------
  // State

  var ws = null;
  var connected = false;       // a `welcome` was received on the current socket
  var active = false;          // the visitor opened the chat or has one going: keep connected
  var ended = false;           // the session ended; no reconnect until restart
  var fatal = false;           // e.g. unknown_site: stop reconnecting
  var isOpen = false;
  var attempt = 0;
  var reconnectTimer = null;
  var pendingRetryTimer = null;
  var siteInfo = storeGetJSON(KEY_SITE) || {};

  var messages = new Map();    // seq -> message (real ones, from the server)
  var lastSeq = 0;             // highest seq such that we hold every message up to it
  var outbox = [];             // unacked says, oldest first: {id, text, at, linkedSeq}
  var acked = new Map();       // seq -> stand-in for an acked say whose `message` is not here yet
  var failed = [];             // says the server refused for good: {id, text, at, reason}
  var nodes = new Map();       // render key -> <li>

  var typingSentOn = false;
  var typingLastSent = 0;
  var typingIdleTimer = null;
  var remoteTyping = new Map(); // name -> hide timer

  // ---------------------------------------------------------------------------
  // Persistence: outbox (shared by every tab: read-modify-write), transcript

  function storedOutbox() {
    var items = storeGetJSON(KEY_OUTBOX);
    return Array.isArray(items) ? items.filter(function (p) {
      return p && isString(p.id) && p.id.length >= 1 && p.id.length <= 64 && isString(p.text);
    }) : [];
  }

  function storeOutbox(add, removeId) {
    var items = storedOutbox().filter(function (p) { return p.id !== removeId; });
    if (add) { items.push({ id: add.id, text: add.text, at: add.at }); }
    if (items.length) { storeSet(KEY_OUTBOX, JSON.stringify(items)); } else { storeRemove(KEY_OUTBOX); }
  }

  function loadOutbox() {
    outbox = storedOutbox().map(function (p) {
      return { id: p.id, text: p.text, at: isString(p.at) ? p.at : new Date().toISOString(), linkedSeq: null };
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
    [KEY_RESUME, KEY_LAST_SEQ, KEY_TRANSCRIPT, KEY_SEEN].forEach(storeRemove);
  }

  function clearMessages() {
    messages.clear();
    acked.clear();
    lastSeq = 0;
    nodes.forEach(function (n) { if (n.parentNode) { n.parentNode.removeChild(n); } });
    nodes.clear();
  }

  // ---------------------------------------------------------------------------
  // Messages

  function validMessage(m) {
    if (!m || typeof m !== "object" || !isSeq(m.seq)) { return null; }
    var from = m.from;
    if (from !== "visitor" && from !== "bot" && from !== "agent" && from !== "system") { from = "system"; }
    return { seq: m.seq, from: from, name: isString(m.name) ? m.name : "",
      text: isString(m.text) ? m.text : "", at: isString(m.at) ? m.at : "" };
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
      for (var i = 0; !linked && i < outbox.length; i++) {
        if (outbox[i].linkedSeq === null && normalize(outbox[i].text) === normalize(msg.text)) {
          outbox[i].linkedSeq = msg.seq;
          linked = true;
        }
      }
    }
    if (live && isNew && msg.from !== "visitor") {
      if (msg.name) { clearRemoteTyping(msg.name); }
      if (elsewhere()) { startFlash(); }
    }
  }

  // ---------------------------------------------------------------------------
  // Rendering (keyed, incremental: the log is an aria-live region)

  function entries() {
    var list = [];
    var linked = new Map();
    outbox.forEach(function (p) { if (p.linkedSeq !== null) { linked.set(p.linkedSeq, p); } });
    var seqs = new Set();
    messages.forEach(function (m, seq) { seqs.add(seq); });
    acked.forEach(function (m, seq) { seqs.add(seq); });
    Array.from(seqs).sort(function (a, b) { return a - b; }).forEach(function (seq) {
      list.push({ key: "m" + seq, msg: messages.get(seq) || acked.get(seq), state: linked.has(seq) ? "pending" : "sent" });
    });
    outbox.forEach(function (p) {
      if (p.linkedSeq === null) {
        list.push({ key: "p" + p.id, msg: { from: "visitor", text: p.text, at: p.at }, state: "pending" });
      }
    });
    failed.forEach(function (f) {
      list.push({ key: "f" + f.id, msg: { from: "visitor", text: f.text, at: f.at }, state: "failed", reason: f.reason });
    });
    return list;
  }

  function statusText(e) {
    if (e.state === "pending") { return connected ? "Sending…" : "Waiting for connection…"; }
    if (e.state === "failed") { return "Not sent" + (e.reason ? ": " + e.reason : ""); }
    return "";
  }

  function timeNode(at) {
    var d = parseTime(at);
    return d ? el("time", "time", { datetime: at }, [formatMessageTime(d)]) : null;
  }

  function buildNode(e) {
    var m = e.msg;
    var li = el("li", "msg msg--" + m.from);
    var time = timeNode(m.at);
    if (m.from !== "system") {
      var who = m.from === "visitor" ? "You" : (m.name || (m.from === "agent" ? "Staff" : "Assistant"));
      var meta = el("p", "meta", {}, [el("span", "name", {}, [who])]);
      if (m.from === "bot") { meta.appendChild(el("span", "tag", {}, ["auto-reply"])); }
      if (time) { meta.appendChild(time); }
      li.appendChild(meta);
    }
    var body = el("p", "text", {}, [m.text]);
    if (m.from === "system" && time) { body.appendChild(document.createTextNode(" · ")); body.appendChild(time); }
    li.appendChild(body);
    li._ndStatus = el("p", "status", { "aria-hidden": "true" });
    li.appendChild(li._ndStatus);
    li._ndText = m.text;
    li._ndAt = m.at;
    return li;
  }

  function render() {
    var list = entries();
    var wanted = new Set(list.map(function (e) { return e.key; }));
    var log = ui.log;
    var nearBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 80;

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
      var expected = prev ? prev.nextSibling : log.firstChild;
      if (expected !== node) { log.insertBefore(node, expected); }
      prev = node;
    });

    if (nearBottom) { log.scrollTop = log.scrollHeight; }
    renderBadge();
  }

  // ---------------------------------------------------------------------------
  // Unread badge and title flash

  function seenSeq() { return parseInt(storeGet(KEY_SEEN) || "0", 10) || 0; }

  function unreadCount() {
    var seen = seenSeq(), n = 0;
    messages.forEach(function (m) { if (m.seq > seen && m.from !== "visitor") { n += 1; } });
    return n;
  }

  function renderBadge() {
    if (isOpen && !document.hidden && lastSeq > seenSeq()) { storeSet(KEY_SEEN, String(lastSeq)); }
    var n = isOpen ? 0 : unreadCount();
    ui.badge.textContent = n > 9 ? "9+" : String(n);
    ui.badge.hidden = n === 0;
    var name = siteInfo.name ? "Chat with " + siteInfo.name : "Chat with us";
    ui.launcher.setAttribute("aria-label", n ? name + " (" + n + " new " + (n === 1 ? "message" : "messages") + ")" : name);
  }

  var flash = { timer: null, original: "", text: "" };

  function elsewhere() {
    return document.hidden || !document.hasFocus();
  }

  function startFlash() {
    if (flash.timer) { return; }
    flash.original = document.title;
    flash.text = "New message · " + (siteInfo.name || "chat");
    var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    document.title = flash.text; // with reduced motion it stays so: no blinking
    flash.timer = setInterval(function () {
      if (!elsewhere()) { stopFlash(); return; }
      if (reduce) { return; }
      var current = document.title;
      if (current !== flash.text) { flash.original = current; } // the page changed its own title
      document.title = current === flash.text ? flash.original : flash.text;
    }, 1000);
  }

  function stopFlash() {
    if (!flash.timer) { return; }
    clearInterval(flash.timer);
    flash.timer = null;
    if (document.title === flash.text) { document.title = flash.original; }
  }

  function back() {
    if (elsewhere()) { return; }
    stopFlash();
    renderBadge();
    if (active && !connected && !ended && !fatal && !(ws && ws.readyState === WebSocket.CONNECTING)) { reconnectNow(); }
  }

  // ---------------------------------------------------------------------------
  // Header: site and office

  function showSite(s) {
    if (!s || typeof s !== "object") { return; }
    ["name", "phone", "tagline", "logo", "time_zone", "emergency_phone"].forEach(function (k) {
      siteInfo[k] = isString(s[k]) ? s[k] : undefined;
    });
    storeSet(KEY_SITE, JSON.stringify(siteInfo));
    renderSite();
  }

  function renderSite() {
    var name = siteInfo.name || "";
    ui.title.textContent = name || "Chat with us";
    ui.launcherLabel.textContent = name ? "Chat with " + name : "Chat with us";
    ui.tagline.textContent = siteInfo.tagline || "";
    ui.tagline.hidden = !siteInfo.tagline;
    var href = siteInfo.phone ? telHref(siteInfo.phone) : null;
    ui.phone.textContent = "";
    if (href) {
      ui.phone.appendChild(icon("phone"));
      ui.phone.appendChild(document.createTextNode("Call " + siteInfo.phone));
      ui.phone.setAttribute("href", href);
    }
    ui.phone.hidden = !href;
    var logo = siteInfo.logo ? safeUrl(siteInfo.logo) : null;
    [ui.logo, ui.launcherLogo].forEach(function (img) {
      if (logo && img.getAttribute("src") !== logo) { img.setAttribute("src", logo); }
      img.hidden = !logo;
    });
    syncLauncherIcon();
    var em = siteInfo.emergency_phone ? telHref(siteInfo.emergency_phone) : null;
    ui.emergency.textContent = em ? "Emergency? Call " : "Not for emergencies: call your local emergency number.";
    if (em) {
      ui.emergency.appendChild(el("a", "", { href: em }, [siteInfo.emergency_phone]));
      ui.emergency.appendChild(document.createTextNode(" now."));
    }
    renderBadge();
  }

  function showOffice(o) {
    ui.office.hidden = !o || typeof o !== "object";
    if (ui.office.hidden) { return; }
    ui.office.classList.toggle("office--open", o.open === true);
    if (o.open === true) {
      ui.office.textContent = "We're open. Ask us anything.";
      return;
    }
    var next = parseTime(o.next_open);
    ui.office.textContent = next
      ? "We're closed, back at " + formatNextOpen(next, siteInfo.time_zone) + ". Leave your details and we'll call you first thing."
      : "We're closed right now. Leave your details and we'll call you back.";
  }

  // ---------------------------------------------------------------------------
  // Connection state UI

  function show(node, visible) { node.hidden = !visible; }

  function setError(text) {
    ui.error.textContent = text || "";
    show(ui.error, !!text);
  }

  function setNotice(text) {
    ui.notice.textContent = text || "";
    show(ui.notice, !!text);
  }

  function updateControls() {
    ui.leave.disabled = !connected || ended;
    ui.input.disabled = ended || fatal;
    ui.send.disabled = ended || fatal;
    show(ui.form, !ended);
    show(ui.ended, ended);
    if (ended) { show(ui.confirm, false); }
    ui.root.classList.toggle("nd--offline", active && !connected && !ended && !fatal);
  }

  function showOffline(visible) {
    show(ui.offline, visible && !ended && !fatal);
    ui.offlineText.textContent = navigator.onLine === false
      ? "You're offline. We'll reconnect when your connection is back."
      : "Connection lost. Reconnecting…"; // no countdown: a status region would chatter
  }

  // ---------------------------------------------------------------------------
  // Socket

  // Where the visitor came from: the first page of this visit in this tab, or
  // the latest campaign link, kept across the site's pages in sessionStorage.
  function source() {
    var utm = null;
    try {
      new URLSearchParams(window.location.search).forEach(function (value, key) {
        if (key.indexOf("utm_") === 0 && key.length > 4 && value) {
          utm = utm || {};
          utm[key.slice(4)] = value.slice(0, 200);
        }
      });
    } catch (e) { /* ignore */ }
    var ref = document.referrer || "";
    var external = false;
    try { external = !!ref && new URL(ref).origin !== window.location.origin; } catch (e) { /* ignore */ }
    var stored = storeGetJSON(KEY_SOURCE, true);
    if (!stored || utm || external) {
      stored = { referrer: ref, utm: utm };
      storeSet(KEY_SOURCE, JSON.stringify(stored), true);
    }
    return stored;
  }
  var visitSource = source();

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
    active = true;
    clearTimeout(reconnectTimer);
    reconnectTimer = null;

    var sock;
    try {
      sock = new WebSocket(wsUrl, PROTOCOL);
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
      hello.page = window.location.href.split("#")[0].slice(0, 2000);
      if (visitSource.referrer) { hello.referrer = visitSource.referrer.slice(0, 2000); }
      if (visitSource.utm) { hello.utm = visitSource.utm; }
      sendFrame(hello);
    });

    sock.addEventListener("message", function (ev) {
      if (ws !== sock || !isString(ev.data)) { return; }
      var frame;
      try { frame = JSON.parse(ev.data); } catch (e) { return; }
      if (frame && typeof frame === "object" && isString(frame.type)) { handleFrame(frame); }
    });

    sock.addEventListener("close", function () {
      if (ws !== sock) { return; }
      var wasConnected = connected;
      forgetSocket();
      if (ended || fatal) {
        showOffline(false);
        return;
      }
      if (wasConnected) { attempt = 0; }
      scheduleReconnect();
      showOffline(true);
    });
    // An `error` event is always followed by `close`: reconnecting is handled there.
  }

  // The socket is gone (closed, or let go as the page hides): no typing
  // indicator either way, and the controls show it is gone.
  function forgetSocket() {
    ws = null;
    connected = false;
    typingSentOn = false;
    clearAllRemoteTyping();
    updateControls();
    render();
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
      if (navigator.onLine === false) { showOffline(true); return; } // wait for "online"
      connect();
    }, delay);
  }

  function reconnectNow() {
    if (ended || fatal || !active) { return; }
    clearTimeout(reconnectTimer);
    reconnectTimer = null;
    attempt = 0;
    connect();
  }

  // ---------------------------------------------------------------------------
  // Frames from the server

  function handleFrame(f) {
    switch (f.type) {
      case "welcome": onWelcome(f); break;
      case "message": addMessage(f, true); saveTranscript(); render(); break;
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

    if (f.resumed !== true && !isOpen && !outbox.length) {
      // The chat this page came back to is over, and the visitor is not
      // chatting now: forget it, and start nothing until they open the chat.
      forgetSession();
      clearMessages();
      active = connected = false;
      var sock = ws;
      ws = null;
      try { sock.close(1000); } catch (e) { /* ignore */ }
      updateControls();
      render();
      return;
    }
    if (f.resumed !== true) {
      // A new session: whatever we held belongs to an earlier one.
      if (messages.size) { setNotice("Your earlier chat has ended. This is a new chat."); }
      clearMessages();
      outbox.forEach(function (p) { p.linkedSeq = null; });
      forgetSession();
    }
    if (isString(f.resume) && f.resume) { storeSet(KEY_RESUME, f.resume); }

    showSite(f.site);
    showOffice(f.office);

    ui.log.setAttribute("aria-busy", "true"); // history: one update, not one announcement per line
    if (Array.isArray(f.history)) {
      f.history.forEach(function (m) { addMessage(m, false); });
    }
    saveTranscript();

    // Re-send every unacknowledged say, with its original id, in order.
    outbox.forEach(function (p) { sendFrame({ type: "say", id: p.id, text: p.text }); });

    updateControls();
    render();
    ui.log.removeAttribute("aria-busy");
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
    storeOutbox(null, p.id);
    if (isSeq(f.seq) && !messages.has(f.seq)) {
      // Stored, but its `message` frame has not reached us yet: keep it in place.
      acked.set(f.seq, { seq: f.seq, from: "visitor", name: "", text: p.text, at: p.at });
    }
    render();
  }

  function onTyping(f) {
    var name = isString(f.name) && f.name ? f.name : (f.from === "agent" ? "Staff" : "The assistant");
    if (f.on !== true) { clearRemoteTyping(name); return; }
    clearTimeout(remoteTyping.get(name));
    remoteTyping.set(name, setTimeout(function () { clearRemoteTyping(name); }, TYPING_SHOW_MS));
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
    var names = Array.from(remoteTyping.keys());
    ui.typing.textContent = names.length ? names.join(" and ") + (names.length > 1 ? " are typing" : " is typing") : "";
    if (names.length) { ui.typing.appendChild(el("span", "dots", { "aria-hidden": "true" }, [el("i"), el("i"), el("i")])); }
    ui.typing.hidden = !names.length;
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
    clearTimeout(pendingRetryTimer);
    stopTyping();
    clearAllRemoteTyping();
    forgetSession();
    // Says never acknowledged were not stored: say so rather than drop them silently.
    outbox.forEach(function (p) {
      failed.push({ id: p.id, text: p.text, at: p.at, reason: "the chat ended before it was delivered" });
      storeOutbox(null, p.id);
    });
    outbox = [];
    ui.endedReason.textContent = ENDED_REASONS[f.reason] || "This chat is over.";
    showOffline(false);
    setError("");
    updateControls();
    render();
    if (isOpen && ui.panel.contains(shadow.activeElement)) { ui.restart.focus(); }
  }

  var ERROR_TEXT = {
    bad_request: "Something went wrong with that request. Please try again.",
    hello_required: "The chat could not start. Reconnecting…",
    unauthorized: "Chat isn't enabled on this website. Please call us instead.",
    unknown_site: "Chat isn't set up for this website yet. Please call us instead.",
    unknown_session: "That chat could not be found. Please start a new chat.",
    not_assigned: "That action isn't available in this chat.",
    conflict: "Someone else already did that. Please try again.",
    too_large: "That message is too long. Please shorten it and send it again.",
    rate_limited: "You're sending messages very quickly. We'll send yours in a moment."
  };

  function onError(f) {
    var code = isString(f.code) ? f.code : "";
    var text = code === "unavailable"
      ? (isString(f.message) && f.message) || "We can't take messages right now. Please try again shortly, or call us."
      : ERROR_TEXT[code] || "Something went wrong. Please try again.";

    if (code === "unknown_site" || (code === "unauthorized" && !connected)) {
      fatal = true;
      showOffline(false);
      updateControls();
    }

    var p = null;
    for (var i = 0; isString(f.ref) && i < outbox.length; i++) {
      if (outbox[i].id === f.ref) { p = outbox[i]; break; }
    }
    if (p) {
      if (code === "unavailable" || code === "rate_limited") {
        // Not stored yet, but worth another try: keep it pending and retry later.
        schedulePendingRetry();
      } else {
        // Refused for good (too long, malformed): keep the words, stop re-sending.
        outbox.splice(outbox.indexOf(p), 1);
        storeOutbox(null, p.id);
        failed.push({ id: p.id, text: p.text, at: p.at, reason: code === "too_large" ? "too long" : "refused" });
        if (!ui.input.value) { ui.input.value = p.text; }
        render();
      }
    }
    setError(text);
  }

  function schedulePendingRetry() {
    clearTimeout(pendingRetryTimer);
    pendingRetryTimer = setTimeout(function () {
      if (!connected) { return; } // a reconnect re-sends everything anyway
      outbox.forEach(function (p) { sendFrame({ type: "say", id: p.id, text: p.text }); });
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
    setNotice("");
    outbox.push(p);
    storeOutbox(p, null);
    ui.input.value = "";
    stopTyping();
    if (connected) { sendFrame({ type: "say", id: p.id, text: p.text }); } else { connect(); }
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

  function askLeave() {
    if (!connected || ended) { return; }
    show(ui.confirm, true);
    ui.confirmYes.focus();
  }

  function cancelLeave() {
    show(ui.confirm, false);
    ui.input.focus();
  }

  function leave() {
    show(ui.confirm, false);
    if (!connected || ended) { return; }
    stopTyping();
    ui.leave.disabled = true;
    sendFrame({ type: "leave" });
  }

  function restart() {
    ended = false;
    fatal = false;
    connected = false;
    forgetSession();
    clearMessages();
    failed = [];
    outbox = [];
    storeRemove(KEY_OUTBOX);
    setError("");
    setNotice("");
    updateControls();
    attempt = 0;
    if (ws) {
      var old = ws;
      ws = null;
      try { old.close(1000); } catch (e) { /* ignore */ }
    }
    connect();
    render();
    ui.input.focus();
  }

  // ---------------------------------------------------------------------------
  // Open, close, keyboard and focus

  function setOpen(open, focus) {
    isOpen = open;
    storeSet(KEY_OPEN, open ? "1" : "", true);
    ui.panel.hidden = !open;
    ui.root.classList.toggle("nd--open", open);
    ui.launcher.setAttribute("aria-expanded", String(open));
    if (open) {
      if (!ws && !ended) { connect(); }
      if (focus) { (ended ? ui.restart : ui.input).focus(); }
      ui.log.scrollTop = ui.log.scrollHeight;
    } else {
      show(ui.confirm, false);
      if (focus) { ui.launcher.focus(); }
    }
    renderBadge();
  }

  api.open = function () { if (ui.panel) { setOpen(true, true); } };
  api.close = function () { if (ui.panel) { setOpen(false, false); } };
  api.toggle = function () { if (ui.panel) { setOpen(!isOpen, true); } };

  function focusables() {
    return Array.prototype.filter.call(ui.panel.querySelectorAll("a[href], button, textarea, [tabindex]"), function (n) {
      return !n.disabled && n.getClientRects().length > 0;
    });
  }

  function wire() {
    ui.launcher.addEventListener("click", api.toggle);
    ui.hide.addEventListener("click", function () { setOpen(false, true); });
    ui.form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      submit();
      ui.input.focus();
    });
    ui.input.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing && ev.keyCode !== 229) {
        ev.preventDefault();
        submit();
      }
    });
    ui.input.addEventListener("input", onInput);
    ui.input.addEventListener("blur", stopTyping);
    ui.leave.addEventListener("click", askLeave);
    ui.confirmYes.addEventListener("click", leave);
    ui.confirmNo.addEventListener("click", cancelLeave);
    ui.restart.addEventListener("click", restart);
    ui.retry.addEventListener("click", reconnectNow);

    ui.panel.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && !ev.isComposing) {
        ev.stopPropagation();
        if (!ui.confirm.hidden) { cancelLeave(); } else { setOpen(false, true); }
        return;
      }
      // Full screen on a phone: the page behind is covered, so Tab cycles in the panel.
      if (ev.key !== "Tab" || !window.matchMedia("(max-width: 480px)").matches) { return; }
      var list = focusables(), first = list[0], last = list[list.length - 1];
      var current = shadow.activeElement;
      if (ev.shiftKey && current === first) { ev.preventDefault(); last.focus(); }
      else if (!ev.shiftKey && current === last) { ev.preventDefault(); first.focus(); }
    });

    document.addEventListener("click", function (ev) {
      var t = ev.target && ev.target.closest ? ev.target.closest("[data-nightdesk-open]") : null;
      if (t) { ev.preventDefault(); setOpen(true, true); }
    });
    window.addEventListener("online", reconnectNow);
    window.addEventListener("offline", function () { if (!connected) { showOffline(true); } });
    document.addEventListener("visibilitychange", back);
    // A page kept in the back/forward cache keeps its socket open: the chat
    // would never idle into a lead while the visitor is elsewhere. Close it
    // as the page goes, and resume when the page comes back.
    window.addEventListener("pagehide", function () {
      if (!ws) { return; }
      var sock = ws;
      forgetSocket(); // first, so its close event schedules no reconnect
      clearTimeout(reconnectTimer);
      reconnectTimer = null;
      try { sock.close(1000, "page hidden"); } catch (e) { /* already closing */ }
    });
    window.addEventListener("pageshow", function (ev) { if (ev.persisted) { reconnectNow(); } });
    window.addEventListener("focus", back);
    window.addEventListener("storage", function (ev) { if (ev.key === KEY_SEEN) { renderBadge(); } });
  }

  // ---------------------------------------------------------------------------
  // Start

  function mount() {
    var sheet = css;
    if (shadow.adoptedStyleSheets !== undefined && typeof CSSStyleSheet === "function") {
      try {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        shadow.adoptedStyleSheets = [sheet];
        sheet = null;
      } catch (e) { sheet = css; }
    }
    // Browsers without constructed stylesheets: a <style> (needs 'unsafe-inline' under a CSP).
    if (sheet) { shadow.appendChild(el("style", "", {}, [sheet])); }
    build();
    wire();
    renderSite();
    loadOutbox();
    if (storeGet(KEY_RESUME)) {
      loadTranscript();
    } else {
      storeRemove(KEY_TRANSCRIPT);
      storeRemove(KEY_LAST_SEQ);
    }
    updateControls();
    render();
    document.body.appendChild(host);
    var reopen = storeGet(KEY_OPEN, true) === "1";
    if (reopen) { setOpen(true, false); }
    // Only a chat in progress connects on load: a page view is not a chat.
    if (storeGet(KEY_RESUME) || outbox.length) { connect(); }
  }

  // ---------------------------------------------------------------------------
  // STYLE: every rule lives in the shadow root. :host rules are !important so
  // that no page rule (not even `* { all: unset !important }`) reaches in.

  css = [
    ":host{all:initial!important;display:block!important;position:fixed!important;z-index:2147483000!important;bottom:0!important;right:0!important;width:0!important;height:0!important;visibility:visible!important;opacity:1!important;pointer-events:auto!important;transform:none!important}",
    ".nd{--nd-ink:#1b2430;--nd-muted:#4a5566;--nd-bg:#fff;--nd-alt:#f4f6f8;--nd-line:#d5dce3;--nd-focus:#b34700;--nd-danger:#a11a1a;font:normal 400 1em/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif;font-size:max(1em,15px);color:var(--nd-ink);text-align:left;-webkit-font-smoothing:antialiased}",
    "*,*::before,*::after{box-sizing:border-box}",
    "[hidden]{display:none!important}",
    ".vh{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}",
    "button,textarea{font:inherit;color:inherit;margin:0}",
    "button{cursor:pointer}",
    "button:disabled{cursor:not-allowed;opacity:.55}",
    "a{color:inherit}",
    ":focus-visible{outline:3px solid var(--nd-focus);outline-offset:2px}",
    "p{margin:0}",
    ".icon{width:1.25em;height:1.25em;flex:none;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}",
    ".logo{width:2.25em;height:2.25em;flex:none;border-radius:50%;background:#fff;object-fit:contain;padding:.15em}",
    ".launcher{position:fixed;bottom:20px;right:20px;display:flex;align-items:center;gap:.5em;max-width:min(22em,calc(100vw - 40px));min-height:3.25em;padding:.5em 1.1em .5em .6em;border:2px solid var(--nd-on-brand);border-radius:999px;background:var(--nd-brand);color:var(--nd-on-brand);font-weight:600;box-shadow:0 6px 24px rgba(16,32,48,.28);transition:transform .15s ease}",
    ".launcher:hover{transform:translateY(-2px)}",
    ".launcher:focus-visible{outline-offset:3px}",
    ".launcher>.icon{width:1.6em;height:1.6em;margin-left:.3em}",
    ".launcher .logo{width:2em;height:2em}",
    ".launcher__label{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}",
    ".badge{position:absolute;top:-.45em;right:-.3em;min-width:1.5em;height:1.5em;padding:0 .35em;border-radius:999px;background:#c0161b;color:#fff;border:2px solid #fff;font-size:.8em;font-weight:700;line-height:1.3;text-align:center}",
    ".nd--left .launcher{right:auto;left:20px}",
    ".panel{position:fixed;bottom:88px;right:20px;display:flex;flex-direction:column;width:380px;max-width:calc(100vw - 40px);height:min(620px,calc(100vh - 108px));background:var(--nd-bg);border:1px solid var(--nd-line);border-radius:16px;box-shadow:0 12px 40px rgba(16,32,48,.3);overflow:hidden;animation:nd-in .18s ease-out}",
    ".nd--left .panel{right:auto;left:20px}",
    "@keyframes nd-in{from{opacity:0;transform:translateY(12px)}to{opacity:1;transform:none}}",
    ".head{display:flex;align-items:flex-start;gap:.75em;padding:.9em 1em;background:var(--nd-brand);color:var(--nd-on-brand)}",
    ".head__text{flex:1;min-width:0}",
    ".title{margin:0;font-size:1.15em;font-weight:700;line-height:1.25;overflow-wrap:anywhere}",
    ".tagline{font-size:.9em;opacity:.92}",
    ".phone{display:inline-flex;align-items:center;gap:.35em;margin-top:.35em;font-weight:600;text-underline-offset:.15em}",
    ".phone .icon{width:1em;height:1em}",
    ".head :focus-visible{outline-color:var(--nd-on-brand)}",
    ".icon-button{display:flex;padding:.35em;border:0;border-radius:8px;background:transparent;color:inherit}",
    ".icon-button:hover{background:rgba(127,127,127,.25)}",
    ".office{padding:.6em 1em;background:#fff4d6;color:#4d3700;border-bottom:1px solid #ecd9a0;font-size:.9em}",
    ".office--open{background:#e6f4ea;color:#1d4d2b;border-color:#b9dcc3}",
    ".notice{padding:.55em 1em;background:var(--nd-alt);border-bottom:1px solid var(--nd-line);font-size:.9em}",
    ".notice--offline{background:#fdecec;color:#7a1010;border-color:#f1b8b8}",
    ".link-button{padding:0;border:0;background:none;font-weight:600;text-decoration:underline;text-underline-offset:.15em}",
    ".log{flex:1 1 auto;min-height:0;margin:0;padding:1em;overflow-y:auto;list-style:none;background:var(--nd-alt);overscroll-behavior:contain}",
    ".log:focus-visible{outline-offset:-3px}",
    ".msg{display:flex;flex-direction:column;max-width:85%;margin:0 0 .8em}",
    ".meta{font-size:.78em;color:var(--nd-muted);margin-bottom:.15em}",
    ".name{font-weight:600;color:var(--nd-ink)}",
    ".tag{margin-left:.4em;padding:0 .4em;border:1px solid var(--nd-line);border-radius:4px;background:#fff}",
    ".time{margin-left:.4em;color:var(--nd-muted)}",
    ".text{padding:.55em .8em;border-radius:14px;white-space:pre-wrap;overflow-wrap:anywhere}",
    ".status{font-size:.78em;color:var(--nd-muted);margin-top:.15em}",
    ".msg--visitor{margin-left:auto;align-items:flex-end}",
    ".msg--visitor .text{background:var(--nd-brand);color:var(--nd-on-brand);border-bottom-right-radius:4px}",
    ".msg--pending .text{background:var(--nd-bg);color:var(--nd-ink);border:1px dashed var(--nd-muted)}",
    ".msg--failed .text{background:#fdecec;color:var(--nd-ink);border:1px solid var(--nd-danger)}",
    ".msg--failed .status{color:var(--nd-danger);font-weight:600}",
    ".msg--bot .text{background:var(--nd-bg);border:1px solid var(--nd-line);border-bottom-left-radius:4px}",
    ".msg--agent .text{background:#e3f1ee;border:1px solid #9bcfc2;border-bottom-left-radius:4px}",
    ".msg--system{max-width:100%;align-items:center;text-align:center}",
    ".msg--system .text{padding:.15em .5em;font-size:.85em;color:var(--nd-muted);font-style:italic}",
    ".typing{padding:.3em 1em;font-size:.85em;color:var(--nd-muted);font-style:italic;background:var(--nd-alt)}",
    ".dots i{display:inline-block;width:.3em;height:.3em;margin-left:.2em;border-radius:50%;background:currentColor;animation:nd-dot 1.2s infinite}",
    ".dots i:nth-child(2){animation-delay:.2s}.dots i:nth-child(3){animation-delay:.4s}",
    "@keyframes nd-dot{0%,60%,100%{opacity:.25}30%{opacity:1}}",
    ".error{padding:.55em 1em;background:#fdecec;color:var(--nd-danger);border-top:1px solid #f1b8b8;font-size:.9em}",
    ".ended,.confirm{padding:.9em 1em;border-top:1px solid var(--nd-line);text-align:center}",
    ".ended p,.confirm p{margin:0 0 .5em}",
    ".confirm .button{margin:0 .25em}",
    ".muted{color:var(--nd-muted)}",
    ".button{min-height:2.5em;padding:.4em 1em;border:2px solid transparent;border-radius:999px;font-weight:600}",
    ".button--primary{background:var(--nd-brand);color:var(--nd-on-brand)}",
    ".button--danger{background:var(--nd-danger);color:#fff}",
    ".button--quiet{background:transparent;border-color:var(--nd-line)}",
    ".form{display:flex;align-items:flex-end;gap:.5em;padding:.7em 1em .4em;border-top:1px solid var(--nd-line)}",
    ".input{flex:1;display:block;min-height:2.9em;max-height:8em;padding:.55em .75em;border:1px solid #8a97a6;border-radius:10px;background:var(--nd-bg);font-size:max(1em,16px);line-height:1.35;resize:none}",
    ".input::placeholder{color:#5f6b7a}",
    ".input:focus-visible{outline-offset:0;border-color:var(--nd-brand)}",
    ".send{display:flex;align-items:center;justify-content:center;width:2.9em;height:2.9em;border:0;border-radius:50%;background:var(--nd-brand);color:var(--nd-on-brand)}",
    ".foot{display:flex;align-items:flex-start;gap:.75em;padding:.2em 1em .7em;font-size:.75em;color:var(--nd-muted)}",
    ".foot p{flex:1}",
    ".foot .link-button{flex:none;color:var(--nd-ink);font-size:1.1em}",
    ".nd--offline .head{background:#4f5d6b;color:#fff}",
    "@media (max-width:480px){.panel{inset:0;width:100%;max-width:none;height:100%;border:0;border-radius:0}.nd--open .launcher{display:none}.launcher{bottom:14px;right:14px}.nd--left .launcher{left:14px}}",
    "@media (prefers-reduced-motion:reduce){*,*::before,*::after{animation:none!important;transition:none!important}.launcher:hover{transform:none}}",
    "@media (forced-colors:active){.text,.launcher,.send,.button{border:1px solid CanvasText}}"
  ].join("\n");

  if (document.body) { mount(); } else { document.addEventListener("DOMContentLoaded", mount); }
})();
