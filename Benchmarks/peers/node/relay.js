#!/usr/bin/env node
// A comparison peer for nightdesk-bench: the part of PROTOCOL.md (nightdesk.v1)
// the bench uses, on Node's `ws` (Debian's node-ws), written plainly. One event
// loop, no per-message logging, no compression, and no journal: acks are sent
// at once, not after an fsync as NightDesk does.
//
//   node Benchmarks/peers/node/relay.js --port 9001 [--capacity 50]
//
// Prints "listening on http://127.0.0.1:PORT/" to stderr once it accepts.
'use strict';

const { WebSocketServer } = require('ws');

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const port = Number(arg('--port', '9001'));
const capacity = Number(arg('--capacity', '50'));

const sessions = new Map(); // id -> {id, visitors:Set, agent, seq, spoke, offered}
const agents = new Set(); // agent connections: {ws, id, available, load, held:Set}
let nextSession = 1;
let nextAgent = 1;

function send(ws, obj) {
  if (ws.readyState === 1) ws.send(JSON.stringify(obj));
}

function fanOut(session, msg) {
  const frame = JSON.stringify(msg);
  for (const v of session.visitors) if (v.readyState === 1) v.send(frame);
  if (session.agent && session.agent.ws.readyState === 1) session.agent.ws.send(frame);
}

// The least loaded available agent with room, as NightDesk routes.
function offer(session) {
  let best = null;
  for (const a of agents) {
    if (a.available && a.load < capacity && (!best || a.load < best.load)) best = a;
  }
  if (!best) return;
  best.load++;
  session.offered = best;
  send(best.ws, {
    type: 'offer', session: session.id, site: 'demo',
    summary: { session: session.id, site: 'demo', handler: 'bot', messages: session.seq },
    history: [], expires_at: new Date(Date.now() + 20000).toISOString(),
  });
}

function say(session, from, frame, ws, withSession) {
  session.seq += 1;
  const ack = { type: 'ack', id: frame.id, seq: session.seq };
  if (withSession) ack.session = session.id;
  send(ws, ack);
  fanOut(session, {
    type: 'message', session: session.id, seq: session.seq, from, name: from === 'agent' ? 'Agent' : 'Visitor',
    text: frame.text, at: new Date().toISOString(),
  });
}

function onVisitor(ws, state, frame) {
  const session = state.session;
  if (frame.type === 'say' && typeof frame.id === 'string' && typeof frame.text === 'string') {
    say(session, 'visitor', frame, ws, false);
    if (!session.spoke) {
      session.spoke = true;
      offer(session);
    }
  } else if (frame.type === 'leave') {
    send(ws, { type: 'ended', reason: 'visitor_left' });
    ws.close(1000);
  } else if (frame.type !== 'typing') {
    send(ws, { type: 'error', code: 'bad_request', message: 'unknown frame' });
  }
}

function onAgent(ws, agent, frame) {
  const session = typeof frame.session === 'string' ? sessions.get(frame.session) : undefined;
  switch (frame.type) {
    case 'status':
      agent.available = frame.available === true;
      send(ws, { type: 'status', available: agent.available });
      if (agent.available) for (const s of sessions.values()) if (s.spoke && !s.agent && !s.offered) offer(s);
      return;
    case 'accept':
      if (!session || session.offered !== agent || session.agent) {
        send(ws, { type: 'error', code: 'conflict', message: 'not offered to you' });
        return;
      }
      session.agent = agent;
      session.offered = null;
      agent.held.add(session);
      send(ws, { type: 'assigned', session: session.id, site: 'demo', history: [] });
      return;
    case 'say':
      if (!session || session.agent !== agent) {
        send(ws, { type: 'error', code: 'not_assigned', message: 'not yours', ref: frame.id });
        return;
      }
      say(session, 'agent', frame, ws, true);
      return;
    case 'close':
      if (!session || session.agent !== agent) return;
      for (const v of session.visitors) {
        send(v, { type: 'ended', reason: 'agent_closed' });
        v.close(1000);
      }
      agent.held.delete(session);
      agent.load--;
      sessions.delete(session.id);
      send(ws, { type: 'ended', session: session.id, reason: 'agent_closed' });
      return;
    default:
      send(ws, { type: 'error', code: 'bad_request', message: 'unknown frame' });
  }
}

const wss = new WebSocketServer({
  port, host: '127.0.0.1', path: '/ws', perMessageDeflate: false, maxPayload: 16 * 1024,
  handleProtocols: (protocols) => (protocols.has('nightdesk.v1') ? 'nightdesk.v1' : false),
});

wss.on('connection', (ws) => {
  const state = { role: null, session: null, agent: null };
  ws.on('message', (data, isBinary) => {
    let frame;
    try {
      frame = JSON.parse(data.toString());
    } catch {
      frame = null;
    }
    if (isBinary || !frame || typeof frame.type !== 'string') {
      send(ws, { type: 'error', code: 'bad_request', message: 'not a JSON object' });
      return;
    }
    if (state.role === 'visitor') return onVisitor(ws, state, frame);
    if (state.role === 'agent') return onAgent(ws, state.agent, frame);
    if (frame.type !== 'hello') {
      send(ws, { type: 'error', code: 'hello_required', message: 'say hello first' });
      ws.close(1008);
    } else if (frame.role === 'visitor' && frame.site === 'demo') {
      const id = 's' + nextSession++;
      const session = { id, visitors: new Set([ws]), agent: null, seq: 0, spoke: false, offered: null };
      sessions.set(id, session);
      state.role = 'visitor';
      state.session = session;
      send(ws, {
        type: 'welcome', session: id, resume: 'r' + id, resumed: false,
        site: { id: 'demo', name: 'Demo Dental', phone: '+1 555 0100' },
        office: { open: false, next_open: null }, history: [],
      });
    } else if (frame.role === 'agent' && typeof frame.token === 'string' && frame.token.length > 0) {
      // Any token is accepted: the peers measure relaying, not credentials.
      const agent = { ws, id: 'a' + nextAgent++, available: false, load: 0, held: new Set() };
      agents.add(agent);
      state.role = 'agent';
      state.agent = agent;
      send(ws, { type: 'welcome', agent: { id: agent.id, name: 'Agent' }, available: false, sessions: [] });
    } else {
      send(ws, { type: 'error', code: 'unknown_site', message: 'unknown site or role' });
      ws.close(1008);
    }
  });
  ws.on('close', () => {
    if (state.role === 'visitor') {
      const s = state.session;
      s.visitors.delete(ws);
      // A session nobody spoke in is forgotten with its last tab.
      if (s.visitors.size === 0 && !s.spoke) sessions.delete(s.id);
    } else if (state.role === 'agent') {
      const a = state.agent;
      agents.delete(a);
      for (const s of a.held) s.agent = null;
      for (const s of sessions.values()) if (s.offered === a) s.offered = null;
    }
  });
  ws.on('error', () => {});
});

wss.on('listening', () => process.stderr.write(`node peer: listening on http://127.0.0.1:${wss.address().port}/\n`));
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
