// NightDesk: the front desk's morning queue.
//
// Plain script, no framework, no build step. Served under a strict CSP (no
// inline script or style), so every handler is attached here. Every piece of
// text that came from a visitor, an agent or the server is rendered with
// textContent; the only links made are tel: and mailto:, built from values
// that pass a strict check.
"use strict";

(function () {
  const TOKEN_KEY = "nightdesk.staffToken";
  const STATUSES = ["new", "contacted", "booked", "lost", "spam"];
  const SCORES = ["hot", "warm", "cold"];
  const MARK_KEYS = { c: "contacted", b: "booked", l: "lost", x: "spam" };
  const FROM_LABEL = { visitor: "visitor", bot: "auto-responder", agent: "agent", system: "system" };

  // ?poll=N (seconds, 1..60) for demos and tests; 10 s otherwise.
  const POLL_MS = (function () {
    const n = Number(new URLSearchParams(location.search).get("poll"));
    return Number.isFinite(n) && n >= 1 && n <= 60 ? n * 1000 : 10000;
  })();

  const $ = (name) => document.querySelector(`[data-review="${name}"]`);

  const state = {
    token: null,
    leads: [],          // the whole queue, API order (hot first, then oldest)
    known: null,        // ids seen before, to mark arrivals; null before the first load
    fresh: new Set(),   // ids that arrived while the page was open
    cursor: null,       // id of the lead the keyboard is on
    openId: null,       // id of the lead shown in the detail pane
    open: null,         // that lead, with its transcript
    timer: null,
    busy: false,
    loadSeq: 0,
    signature: null,    // the last queue answer, to skip re-rendering an unchanged queue
  };

  // ------------------------------------------------------------------
  // Small DOM helpers: elements and text, never markup.

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function str(value) {
    return typeof value === "string" ? value : value === undefined || value === null ? "" : String(value);
  }

  // A phone number worth dialling: digits with + ( ) . - and spaces, 7 to 15 digits.
  function telHref(phone) {
    const s = str(phone).trim();
    if (!/^\+?[0-9 ().\-]{7,32}$/.test(s)) return null;
    const digits = s.replace(/[^0-9]/g, "");
    if (digits.length < 7 || digits.length > 15) return null;
    return "tel:" + (s.startsWith("+") ? "+" : "") + digits;
  }

  // A plain address: no spaces, quotes, angle brackets or colons; a dotted domain.
  function mailtoHref(email) {
    const s = str(email).trim();
    if (s.length > 254 || !/^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+$/.test(s)) return null;
    return "mailto:" + s;
  }

  // A link when the value is valid, plain text otherwise.
  function contactNode(kind, value, className) {
    const text = str(value);
    const href = kind === "tel" ? telHref(text) : mailtoHref(text);
    if (!href) return el("span", className, text);
    const a = el("a", className, text);
    a.href = href;
    return a;
  }

  // ------------------------------------------------------------------
  // Time

  const localTime = new Intl.DateTimeFormat(undefined, { weekday: "short", hour: "2-digit", minute: "2-digit" });
  const localFull = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
  const clockTime = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

  function parseTime(value) {
    const t = Date.parse(str(value));
    return Number.isFinite(t) ? new Date(t) : null;
  }

  function relative(date, now) {
    const s = Math.round((now - date) / 1000);
    if (s < 45) return "just now";
    const m = Math.round(s / 60);
    if (m < 60) return `${m} min ago`;
    const h = Math.round(m / 60);
    if (h < 36) return `${h} h ago`;
    return `${Math.round(h / 24)} d ago`;
  }

  function timeNode(value, className) {
    const date = parseTime(value);
    const node = el("time", className);
    if (!date) {
      node.textContent = str(value) || "unknown time";
      return node;
    }
    node.dateTime = date.toISOString();
    node.title = localFull.format(date);
    node.textContent = `${relative(date, Date.now())} · ${localTime.format(date)}`;
    return node;
  }

  // ------------------------------------------------------------------
  // The API

  class Unauthorized extends Error {}

  async function api(path, options) {
    const opts = options || {};
    const headers = { Authorization: `Bearer ${state.token}` };
    if (opts.body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(path, {
      method: opts.method || "GET",
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      cache: "no-store",
      credentials: "omit",
    });
    if (response.status === 401) throw new Unauthorized();
    if (opts.raw) {
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      return response;
    }
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    if (!response.ok) {
      const message = body && typeof body.message === "string" ? body.message : `${response.status} ${response.statusText}`;
      throw new Error(message);
    }
    return body;
  }

  function failed(error, where) {
    if (error instanceof Unauthorized) {
      signOut("Your staff token was not accepted any more (401). Sign in again.");
      return;
    }
    showBanner(`${where}: ${error && error.message ? error.message : "the server did not answer"}`);
  }

  // ------------------------------------------------------------------
  // Sign-in and sign-out

  function showSignIn(message) {
    $("app").hidden = true;
    $("signin").hidden = false;
    const error = $("signin-error");
    error.textContent = message || "";
    error.hidden = !message;
    const input = $("token");
    input.value = "";
    input.focus();
  }

  function showApp() {
    $("signin").hidden = true;
    $("app").hidden = false;
  }

  async function signIn(token) {
    state.token = token;
    const leads = await api("/api/leads"); // throws Unauthorized for a wrong token
    sessionStorage.setItem(TOKEN_KEY, token);
    showApp();
    acceptQueue(leads);
    startPolling();
    focusQueue();
  }

  function signOut(message) {
    stopPolling();
    sessionStorage.removeItem(TOKEN_KEY);
    state.token = null;
    state.leads = [];
    state.signature = null;
    state.known = null;
    state.fresh.clear();
    state.cursor = null;
    state.openId = null;
    state.open = null;
    clear($("queue"));
    closeDetail();
    showSignIn(message);
  }

  // ------------------------------------------------------------------
  // The queue

  function startPolling() {
    stopPolling();
    state.timer = setInterval(refresh, POLL_MS);
  }

  function stopPolling() {
    if (state.timer !== null) clearInterval(state.timer);
    state.timer = null;
  }

  async function refresh() {
    if (!state.token) return;
    const seq = ++state.loadSeq;
    try {
      const leads = await api("/api/leads");
      if (seq !== state.loadSeq || !state.token) return; // a newer answer wins
      acceptQueue(leads);
      hideBanner();
    } catch (error) {
      failed(error, "Could not refresh the queue");
    }
  }

  function acceptQueue(body) {
    const items = body && Array.isArray(body.items) ? body.items.filter((l) => l && typeof l.id === "string") : [];
    if (state.known !== null) {
      for (const lead of items) if (!state.known.has(lead.id)) state.fresh.add(lead.id);
    }
    state.known = new Set(items.map((l) => l.id));
    $("updated").textContent = `Updated ${clockTime.format(new Date())}`;
    // Re-render only when something changed: rows keep focus, hover and any text selection.
    const signature = JSON.stringify(items);
    const changed = signature !== state.signature;
    state.signature = signature;
    state.leads = items;
    if (changed) {
      renderSites();
      renderCounts();
      renderQueue();
    }
    // Someone else changed the open lead: show what they did.
    const now = state.open && items.find((l) => l.id === state.openId);
    if (now && changeCount(now) !== changeCount(state.open)) openLead(state.openId, { keepFocus: true });
  }

  function changeCount(lead) {
    return `${str(lead.status)}:${Array.isArray(lead.history) ? lead.history.length : 0}:${Array.isArray(lead.notes) ? lead.notes.length : 0}`;
  }

  function filters() {
    return { site: $("filter-site").value, status: $("filter-status").value, score: $("filter-score").value };
  }

  function visibleLeads() {
    const f = filters();
    return state.leads.filter(
      (l) => (!f.site || l.site === f.site) && (!f.status || l.status === f.status) && (!f.score || l.score === f.score)
    );
  }

  function renderSites() {
    const select = $("filter-site");
    const have = new Set(Array.from(select.options).map((o) => o.value));
    const sites = Array.from(new Set(state.leads.map((l) => str(l.site)).filter(Boolean))).sort();
    for (const site of sites) {
      if (have.has(site)) continue;
      const option = el("option", null, site);
      option.value = site;
      select.appendChild(option);
    }
  }

  function renderCounts() {
    const f = filters();
    const night = state.leads.filter((l) => !f.site || l.site === f.site);
    const list = $("counts");
    clear(list);
    const total = el("li", "count count--total");
    total.appendChild(el("strong", null, night.length));
    total.appendChild(document.createTextNode(night.length === 1 ? " lead" : " leads"));
    list.appendChild(total);
    for (const score of SCORES) {
      const li = el("li", `count count--${score}`);
      li.dataset.count = score;
      li.appendChild(el("strong", null, night.filter((l) => l.score === score).length));
      li.appendChild(document.createTextNode(` ${score}`));
      list.appendChild(li);
    }
    const urgent = night.filter((l) => l.urgent === true).length;
    if (urgent) {
      const li = el("li", "count count--urgent");
      li.dataset.count = "urgent";
      li.appendChild(el("strong", null, urgent));
      li.appendChild(document.createTextNode(" urgent"));
      list.appendChild(li);
    }
    list.appendChild(el("li", "count count--sep", "|"));
    for (const status of STATUSES) {
      const li = el("li", `count count--status`);
      li.dataset.count = status;
      li.appendChild(el("strong", null, night.filter((l) => l.status === status).length));
      li.appendChild(document.createTextNode(` ${status}`));
      list.appendChild(li);
    }
  }

  function sourceText(source) {
    if (!source || typeof source !== "object") return "";
    const parts = [];
    if (str(source.page)) parts.push(str(source.page));
    if (str(source.referrer)) parts.push(`via ${str(source.referrer)}`);
    const utm = source.utm && typeof source.utm === "object" ? source.utm : {};
    const keys = Object.keys(utm).sort();
    if (keys.length) parts.push(keys.map((k) => `${k}=${str(utm[k])}`).join(" "));
    return parts.join(" · ");
  }

  function handledText(lead) {
    return Array.isArray(lead.handled_by) ? lead.handled_by.map(str).join(", ") : "";
  }

  function contactOf(lead) {
    return lead.contact && typeof lead.contact === "object" ? lead.contact : {};
  }

  function renderQueue() {
    const list = $("queue");
    const leads = visibleLeads();
    if (state.cursor && !leads.some((l) => l.id === state.cursor)) state.cursor = null;
    if (!state.cursor && leads.length) state.cursor = (leads.find((l) => l.id === state.openId) || leads[0]).id;
    const hadFocus = list.contains(document.activeElement) && document.activeElement !== list;
    clear(list);
    for (const lead of leads) list.appendChild(row(lead));
    $("empty").hidden = leads.length > 0;
    $("shown").textContent = `${leads.length} of ${state.leads.length} shown`;
    if (hadFocus) focusCursor();
  }

  function row(lead) {
    const contact = contactOf(lead);
    const li = el("li", `row row--${str(lead.score)} row--status-${str(lead.status)}`);
    li.dataset.id = lead.id;
    li.dataset.score = str(lead.score);
    li.dataset.status = str(lead.status);
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", String(lead.id === state.openId));
    li.tabIndex = lead.id === state.cursor ? 0 : -1;
    if (lead.id === state.cursor) li.classList.add("row--cursor");
    if (lead.id === state.openId) li.classList.add("row--open");
    if (state.fresh.has(lead.id)) li.classList.add("row--fresh");

    const score = el("div", "row__score");
    score.appendChild(el("span", `badge badge--${str(lead.score)}`, str(lead.score) || "?"));
    if (lead.urgent === true) score.appendChild(el("span", "badge badge--urgent", "urgent"));
    if (state.fresh.has(lead.id)) score.appendChild(el("span", "badge badge--fresh", "new in"));
    if (lead.complete === false) {
      const gap = el("span", "badge badge--incomplete", "incomplete");
      if (Array.isArray(lead.missing)) gap.title = "Missing: " + lead.missing.map(str).join(", ");
      score.appendChild(gap);
    }
    li.appendChild(score);

    const who = el("div", "row__who");
    who.appendChild(el("span", "row__name", str(contact.name) || "No name given"));
    if (str(contact.phone)) who.appendChild(contactNode("tel", contact.phone, "row__phone"));
    else if (str(contact.email)) who.appendChild(contactNode("mailto", contact.email, "row__phone"));
    else who.appendChild(el("span", "row__phone row__phone--none", "no callback"));
    li.appendChild(who);

    const need = el("div", "row__need");
    need.appendChild(el("span", "row__reason", str(lead.reason) || "Need not stated"));
    const reasons = Array.isArray(lead.score_reasons) ? lead.score_reasons.map(str).join(", ") : "";
    if (reasons) need.appendChild(el("span", "row__reasons", reasons));
    li.appendChild(need);

    const meta = el("div", "row__meta");
    meta.appendChild(timeNode(lead.created_at, "row__when"));
    const src = sourceText(lead.source);
    meta.appendChild(el("span", "row__source", src || "source unknown"));
    meta.appendChild(el("span", "row__handled", `by ${handledText(lead) || "nobody"}`));
    li.appendChild(meta);

    li.appendChild(el("span", `status status--${str(lead.status)} row__status`, str(lead.status)));
    return li;
  }

  function rows() {
    return Array.from($("queue").querySelectorAll("li.row"));
  }

  function setCursor(id, focus) {
    state.cursor = id;
    for (const r of rows()) {
      const on = r.dataset.id === id;
      r.tabIndex = on ? 0 : -1;
      r.classList.toggle("row--cursor", on);
    }
    if (focus) focusCursor();
  }

  function focusCursor() {
    const r = rows().find((x) => x.dataset.id === state.cursor);
    if (r) {
      r.focus({ preventScroll: false });
      r.scrollIntoView({ block: "nearest" });
    }
  }

  function focusQueue() {
    if (state.cursor) focusCursor();
    else $("queue").focus();
  }

  function move(delta) {
    const ids = rows().map((r) => r.dataset.id);
    if (!ids.length) return;
    let i = ids.indexOf(state.cursor);
    i = i < 0 ? 0 : Math.max(0, Math.min(ids.length - 1, i + delta));
    setCursor(ids[i], true);
  }

  // ------------------------------------------------------------------
  // One lead

  function closeDetail() {
    $("lead").hidden = true;
    $("placeholder").hidden = false;
    document.body.classList.remove("is-reading");
  }

  async function openLead(id, options) {
    const opts = options || {};
    if (!id) return;
    const switching = state.openId !== id;
    state.openId = id;
    for (const r of rows()) {
      const on = r.dataset.id === id;
      r.setAttribute("aria-selected", String(on));
      r.classList.toggle("row--open", on);
    }
    if (state.fresh.delete(id)) renderQueue();
    try {
      const lead = await api(`/api/leads/${encodeURIComponent(id)}`);
      if (state.openId !== id) return;
      state.open = lead;
      renderLead(lead, switching);
      if (!opts.keepFocus) $("lead-name").focus();
    } catch (error) {
      failed(error, "Could not open the lead");
    }
  }

  function fact(list, label, value, wide) {
    list.appendChild(el("dt", wide ? "facts__wide" : null, label));
    const dd = el("dd", wide ? "facts__wide" : null);
    if (value instanceof Node) dd.appendChild(value);
    else dd.textContent = str(value);
    list.appendChild(dd);
    return dd;
  }

  function renderLead(lead, switching) {
    const contact = contactOf(lead);
    $("placeholder").hidden = true;
    $("lead").hidden = false;
    $("lead").dataset.id = str(lead.id);
    document.body.classList.add("is-reading");

    const name = $("lead-name");
    name.textContent = str(contact.name) || "No name given";
    name.tabIndex = -1;
    const score = $("lead-score");
    score.className = `badge badge--${str(lead.score)}`;
    score.textContent = str(lead.score) + (lead.urgent === true ? " · urgent" : "");
    const status = $("lead-status");
    status.className = `status status--${str(lead.status)}`;
    status.textContent = str(lead.status);

    const facts = $("facts");
    clear(facts);
    fact(facts, "Phone", str(contact.phone) ? contactNode("tel", contact.phone, "facts__phone") : "not given");
    fact(facts, "Email", str(contact.email) ? contactNode("mailto", contact.email, "facts__email") : "not given");
    fact(facts, "Need", str(lead.reason) || "not stated", true);
    if (str(lead.patient)) fact(facts, "Patient", str(lead.patient) === "existing" ? "existing patient" : "new patient");
    if (str(lead.best_time)) fact(facts, "Best time", str(lead.best_time), true);
    if (Array.isArray(lead.topics) && lead.topics.length) fact(facts, "Asked about", lead.topics.map(str).join(", "), true);
    if (Array.isArray(lead.missing) && lead.missing.length) fact(facts, "Missing", lead.missing.map(str).join(", "), true);
    fact(facts, "Score", [str(lead.score)].concat(Array.isArray(lead.score_reasons) ? lead.score_reasons.map(str) : []).join(" · "), true);
    fact(facts, "Came in", timeNode(lead.created_at));
    fact(facts, "First answer", typeof lead.first_response_ms === "number" ? `${lead.first_response_ms} ms` : "none");
    fact(facts, "Source", sourceText(lead.source) || "unknown", true);
    fact(facts, "Handled by", handledText(lead) || "nobody");
    fact(facts, "Disposition", str(lead.disposition) || "none");
    fact(facts, "Site", str(lead.site));
    fact(facts, "Lead", str(lead.id));

    const history = $("history");
    clear(history);
    const events = [];
    for (const h of Array.isArray(lead.history) ? lead.history : []) {
      events.push({ at: h.at, by: h.by, text: `${str(h.from) || "?"} → ${str(h.status)}`, kind: "status" });
    }
    for (const n of Array.isArray(lead.notes) ? lead.notes : []) {
      events.push({ at: n.at, by: n.by, text: str(n.text), kind: "note" });
    }
    events.sort((a, b) => (parseTime(a.at) || 0) - (parseTime(b.at) || 0));
    if (!events.length) history.appendChild(el("li", "history__empty", "Nothing recorded yet."));
    for (const e of events) {
      const li = el("li", `history__item history__item--${e.kind}`);
      li.appendChild(timeNode(e.at, "history__when"));
      li.appendChild(el("span", "history__by", str(e.by)));
      li.appendChild(el("span", "history__text", e.text));
      history.appendChild(li);
    }

    const transcript = $("transcript");
    const keepScroll = !switching ? transcript.scrollTop : 0;
    clear(transcript);
    const messages = Array.isArray(lead.transcript) ? lead.transcript.slice() : [];
    messages.sort((a, b) => (a.seq || 0) - (b.seq || 0));
    if (!messages.length) transcript.appendChild(el("li", "msg msg--system", "No messages."));
    for (const m of messages) {
      const from = Object.prototype.hasOwnProperty.call(FROM_LABEL, m.from) ? m.from : "system";
      const li = el("li", `msg msg--${from}`);
      li.dataset.from = from;
      const head = el("div", "msg__head");
      head.appendChild(el("span", "msg__name", str(m.name) || FROM_LABEL[from]));
      head.appendChild(el("span", "msg__role", FROM_LABEL[from]));
      const when = parseTime(m.at);
      const t = el("time", "msg__time", when ? clockTime.format(when) : "");
      if (when) t.dateTime = when.toISOString();
      head.appendChild(t);
      li.appendChild(head);
      li.appendChild(el("p", "msg__text", str(m.text)));
      transcript.appendChild(li);
    }
    transcript.scrollTop = keepScroll;
    if (switching) {
      $("note").value = "";
      $("mark-error").hidden = true;
    }
  }

  async function mark(status) {
    if (!state.openId || state.busy) return;
    const note = $("note").value.trim();
    if (!status && !note) {
      showMarkError("Write a note first.");
      $("note").focus();
      return;
    }
    const body = {};
    if (status) body.status = status;
    if (note) body.note = note;
    state.busy = true;
    setMarkButtons(true);
    const id = state.openId;
    try {
      await api(`/api/leads/${encodeURIComponent(id)}`, { method: "POST", body });
      $("note").value = "";
      $("mark-error").hidden = true;
      await openLead(id, { keepFocus: true });
      await refresh();
    } catch (error) {
      if (error instanceof Unauthorized) failed(error);
      else showMarkError(`Not saved: ${error.message}`);
    } finally {
      state.busy = false;
      setMarkButtons(false);
    }
  }

  function setMarkButtons(disabled) {
    for (const b of document.querySelectorAll("[data-mark]")) b.disabled = disabled;
  }

  function showMarkError(message) {
    const p = $("mark-error");
    p.textContent = message;
    p.hidden = false;
  }

  function showBanner(message) {
    const b = $("banner");
    b.textContent = message;
    b.hidden = false;
  }

  function hideBanner() {
    $("banner").hidden = true;
  }

  async function exportCsv() {
    try {
      const response = await api("/api/leads.csv", { raw: true });
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = `nightdesk-leads-${new Date().toISOString().slice(0, 10)}.csv`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (error) {
      failed(error, "Could not export");
    }
  }

  // ------------------------------------------------------------------
  // Keyboard

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function onKey(event) {
    if ($("app").hidden) return;
    const key = event.key;
    if (typing(event.target)) {
      if (key === "Escape") {
        event.target.blur();
        focusQueue();
      } else if (key === "Enter" && event.target === $("note") && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        mark(""); // Ctrl+Enter in the note: save the note alone
      }
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const inQueue = $("queue").contains(event.target);
    if (key === "j" || (key === "ArrowDown" && inQueue)) {
      event.preventDefault();
      move(1);
    } else if (key === "k" || (key === "ArrowUp" && inQueue)) {
      event.preventDefault();
      move(-1);
    } else if (key === "Enter" && (inQueue || event.target === document.body)) {
      event.preventDefault();
      openLead(state.cursor);
    } else if (Object.prototype.hasOwnProperty.call(MARK_KEYS, key) && state.openId && !event.shiftKey) {
      event.preventDefault();
      mark(MARK_KEYS[key]);
    } else if (key === "n" && state.openId) {
      event.preventDefault();
      $("note").focus();
    } else if (key === "/") {
      event.preventDefault();
      $("filter-site").focus();
    } else if (key === "?") {
      toggleHelp();
    } else if (key === "Escape") {
      closeDetail();
      focusQueue();
    }
  }

  function toggleHelp() {
    const help = $("help");
    help.hidden = !help.hidden;
    $("help-toggle").setAttribute("aria-expanded", String(!help.hidden));
  }

  // ------------------------------------------------------------------
  // Wiring

  function init() {
    $("signin-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      const token = $("token").value.trim();
      if (!token) return;
      const button = $("signin-submit");
      button.disabled = true;
      try {
        await signIn(token);
      } catch (error) {
        state.token = null;
        if (error instanceof Unauthorized) showSignIn("That staff token was not accepted. Check it and try again.");
        else showSignIn(`Could not reach the server: ${error.message}`);
      } finally {
        button.disabled = false;
      }
    });
    $("signout").addEventListener("click", () => signOut("Signed out. The token is forgotten in this tab."));
    $("export").addEventListener("click", exportCsv);
    $("help-toggle").addEventListener("click", toggleHelp);
    $("back").addEventListener("click", () => {
      closeDetail();
      focusQueue();
    });
    for (const name of ["filter-site", "filter-status", "filter-score"]) {
      $(name).addEventListener("change", () => {
        renderCounts();
        renderQueue();
      });
    }
    $("filters").addEventListener("submit", (event) => event.preventDefault());
    $("queue").addEventListener("click", (event) => {
      if (event.target.closest("a")) return; // a tel:/mailto: link does its own thing
      const r = event.target.closest("li.row");
      if (!r) return;
      setCursor(r.dataset.id, false);
      openLead(r.dataset.id);
    });
    $("queue").addEventListener("focus", (event) => {
      if (event.target === $("queue") && state.cursor) focusCursor();
    });
    for (const b of document.querySelectorAll("[data-mark]")) {
      b.addEventListener("click", () => mark(b.dataset.mark));
    }
    document.addEventListener("keydown", onKey);
    // Relative times age; refresh them each minute without a request.
    setInterval(() => {
      if (state.token) renderQueue();
    }, 60000);

    const saved = sessionStorage.getItem(TOKEN_KEY);
    if (saved) {
      signIn(saved).catch((error) => {
        state.token = null;
        if (error instanceof Unauthorized) {
          sessionStorage.removeItem(TOKEN_KEY);
          showSignIn("Your staff token was not accepted any more (401). Sign in again.");
        } else {
          showSignIn(`Could not reach the server: ${error.message}`);
        }
      });
    } else {
      showSignIn("");
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
