// Relay console page: talks to the console's JSON API and message WebSockets. Every piece of text
// from the server or from messages goes into the page through textContent, never as HTML.
'use strict';

const MAX_MESSAGES = 500;
const state = { token: null, paused: false, skipped: 0, sockets: new Map(), counts: new Map(), monitor: false };

const $ = (id) => document.getElementById(id);

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function readToken() {
  const m = /(?:^|[#&])token=([^&]+)/.exec(location.hash);
  if (m) {
    sessionStorage.setItem('relay-console-token', decodeURIComponent(m[1]));
    history.replaceState(null, '', location.pathname);
  }
  state.token = sessionStorage.getItem('relay-console-token');
  $('token-box').hidden = !!state.token;
}

async function api(method, path, body) {
  const init = { method, headers: { Authorization: 'Bearer ' + state.token } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch('/api/nats/' + path, init);
  let json = {};
  try { json = await res.json(); } catch (e) { json = { message: 'HTTP ' + res.status }; }
  if (res.status === 401) {
    $('token-box').hidden = false;
    $('token-error').textContent = json.message || 'access token refused';
  }
  return { status: res.status, ok: res.ok, json };
}

function showResult(target, ok, text) {
  target.className = 'result ' + (ok ? 'ok' : 'error');
  target.textContent = text;
}

function errorText(r) {
  return (r.json.error ? r.json.error + ' (' + r.status + '): ' : 'HTTP ' + r.status + ': ') + (r.json.message || '');
}

// ---- publish and request ----

function addHeaderRow(key, value) {
  const row = el('div', 'header-row');
  const k = el('input', 'hdr-key'); k.placeholder = 'Header-Name'; k.value = key || '';
  const v = el('input', 'hdr-value'); v.placeholder = 'value'; v.value = value || '';
  const x = el('button', 'small danger', '×'); x.type = 'button'; x.title = 'remove header';
  x.addEventListener('click', () => row.remove());
  row.append(k, v, x);
  $('pub-headers').append(row);
}

function publishBody() {
  const body = { subject: $('pub-subject').value.trim(), message: $('pub-payload').value };
  const headers = {};
  for (const row of $('pub-headers').querySelectorAll('.header-row')) {
    const k = row.querySelector('.hdr-key').value.trim();
    if (!k) continue;
    (headers[k] = headers[k] || []).push(row.querySelector('.hdr-value').value);
  }
  if (Object.keys(headers).length) body.headers = headers;
  return body;
}

async function publish() {
  const body = publishBody();
  const reply = $('pub-reply').value.trim();
  if (reply) body.reply = reply;
  const r = await api('POST', 'publish', body);
  showResult($('pub-result'), r.ok, r.ok ? 'published ' + r.json.size + ' bytes to ' + r.json.subject : errorText(r));
}

async function request() {
  const body = publishBody();
  const timeout = parseInt($('req-timeout').value, 10);
  if (timeout > 0) body.timeout_ms = timeout;
  $('pub-result').className = 'result'; $('pub-result').textContent = 'waiting for a reply…';
  const r = await api('POST', 'request', body);
  if (r.ok) {
    const payload = r.json.data !== undefined ? pretty(r.json.data) : hex(r.json.data_b64);
    showResult($('pub-result'), true, 'reply from ' + r.json.subject + ' in ' + r.json.latency_ms.toFixed(1) + ' ms:\n' + payload);
  } else {
    showResult($('pub-result'), false, errorText(r));
  }
}

// ---- subscriptions ----

async function subscribe() {
  const body = { subject: $('sub-subject').value.trim() };
  const queue = $('sub-queue').value.trim();
  if (queue) body.queue = queue;
  const r = await api('POST', 'subscribe', body);
  showResult($('sub-result'), r.ok, r.ok ? 'subscribed to ' + r.json.subject + ' (sid ' + r.json.sid + ')' : errorText(r));
  if (r.ok) { openSocket(r.json.sid); refreshSubscriptions(); }
}

async function unsubscribe(sid) {
  const r = await api('DELETE', 'subscribe/' + sid);
  closeSocket(sid);
  showResult($('sub-result'), r.ok, r.ok ? 'unsubscribed sid ' + sid : errorText(r));
  refreshSubscriptions();
}

function openSocket(sid) {
  if (state.sockets.has(sid)) return;
  const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
  const ws = new WebSocket(scheme + location.host + '/api/nats/messages?sid=' + sid + '&token=' + encodeURIComponent(state.token));
  ws.onmessage = (e) => onMessage(JSON.parse(e.data));
  ws.onclose = () => state.sockets.delete(sid);
  state.sockets.set(sid, ws);
}

function closeSocket(sid) {
  const ws = state.sockets.get(sid);
  if (ws) { ws.close(); state.sockets.delete(sid); }
}

async function refreshSubscriptions() {
  const r = await api('GET', 'subscriptions');
  if (!r.ok) return;
  $('sub-count').textContent = r.json.count;
  const now = performance.now();
  const list = $('sub-list');
  const seen = new Set();
  for (const s of r.json.subscriptions) {
    seen.add(String(s.sid));
    if (!state.sockets.has(s.sid)) openSocket(s.sid);
    let li = list.querySelector('li[data-sid="' + s.sid + '"]');
    if (!li) {
      li = el('li'); li.dataset.sid = s.sid;
      li.append(el('span', 'sub-subject', s.subject + (s.queue ? '  [' + s.queue + ']' : '')),
        el('span', 'sub-msgs'), el('span', 'sub-rate muted'), el('span', 'sub-dropped muted'));
      const b = el('button', 'small danger unsub', 'Unsubscribe'); b.type = 'button';
      b.addEventListener('click', () => unsubscribe(s.sid));
      li.append(b);
      list.append(li);
    }
    const prev = state.counts.get(s.sid);
    let rate = 0;
    if (prev && now > prev.t) rate = Math.max(0, s.messages - prev.n) * 1000 / (now - prev.t);
    state.counts.set(s.sid, { n: s.messages, t: now });
    li.querySelector('.sub-msgs').textContent = s.messages + ' msgs';
    li.querySelector('.sub-rate').textContent = rate.toFixed(1) + ' msg/s';
    const dropped = s.dropped_by_sockets + s.dropped_by_client;
    li.querySelector('.sub-dropped').textContent = dropped ? dropped + ' dropped (slow browser)' : '';
  }
  for (const li of [...list.children]) {
    if (!seen.has(li.dataset.sid)) { closeSocket(Number(li.dataset.sid)); li.remove(); }
  }
}

// ---- live messages ----

function pretty(text) {
  const t = text.trim();
  if (t.startsWith('{') || t.startsWith('[')) {
    try { return JSON.stringify(JSON.parse(t), null, 2); } catch (e) { /* not JSON: show as text */ }
  }
  return text;
}

function hex(b64) {
  const bin = atob(b64 || '');
  const out = [];
  for (let i = 0; i < bin.length; i += 16) {
    const bytes = [];
    for (let j = i; j < Math.min(i + 16, bin.length); j++) bytes.push(bin.charCodeAt(j).toString(16).padStart(2, '0'));
    out.push(i.toString(16).padStart(6, '0') + '  ' + bytes.join(' '));
  }
  return out.join('\n') || '(empty)';
}

function matchesFilter(li) {
  const f = $('msg-filter').value.trim().toLowerCase();
  return !f || li.dataset.search.includes(f);
}

function onMessage(m) {
  if (state.paused) { state.skipped++; $('msg-paused').textContent = 'paused: ' + state.skipped + ' not shown'; return; }
  const li = el('li', 'msg');
  const meta = el('div', 'msg-meta');
  meta.append(el('span', 'msg-subject', m.subject), el('span', 'msg-time', new Date(m.received).toLocaleTimeString()),
    el('span', 'msg-size', m.size + ' B'), el('span', 'msg-sid', 'sid ' + m.sid));
  if (m.reply) meta.append(el('span', 'msg-reply', 'reply: ' + m.reply));
  if (m.dropped) meta.append(el('span', 'msg-dropped error', m.dropped + ' dropped before this (slow browser)'));
  li.append(meta);
  const hdrs = Object.entries(m.headers || {}).map(([k, vs]) => vs.map((v) => k + ': ' + v).join('\n')).join('\n');
  if (hdrs) li.append(el('div', 'msg-headers', hdrs));
  const payload = m.payload !== undefined ? pretty(m.payload) : hex(m.payload_b64);
  li.append(el('pre', 'msg-payload', payload));
  li.dataset.search = (m.subject + '\n' + hdrs + '\n' + payload).toLowerCase();
  li.hidden = !matchesFilter(li);
  const list = $('msg-list');
  list.prepend(li);
  while (list.children.length > MAX_MESSAGES) list.lastChild.remove();
  $('msg-shown').textContent = list.children.length;
}

function applyFilter() {
  for (const li of $('msg-list').children) li.hidden = !matchesFilter(li);
}

// ---- connection state and monitor ----

async function refreshStatus() {
  let r;
  try { r = await api('GET', 'status'); } catch (e) {
    $('conn-state').textContent = 'console unreachable'; $('conn-state').className = 'state state-unreachable'; return;
  }
  if (!r.ok) return;
  const s = r.json;
  $('conn-state').textContent = s.state.toLowerCase();
  $('conn-state').className = 'state state-' + s.state;
  $('conn-server').textContent = s.servers.join(', ');
  $('server-name').textContent = s.server.name;
  $('server-version').textContent = 'nats-server ' + s.server.version;
  $('conn-stats').textContent = 'in ' + s.statistics.in_msgs + ' / out ' + s.statistics.out_msgs + ' msgs, '
    + s.statistics.reconnects + ' reconnects';
  const last = s.events[s.events.length - 1];
  $('conn-event').textContent = last ? 'last event: ' + last.type.toLowerCase() + ' ' + new Date(last.time).toLocaleTimeString() : '';
  if (s.monitor && !state.monitor) { state.monitor = true; $('monitor').hidden = false; refreshMonitor(); setInterval(refreshMonitor, 3000); }
}

async function refreshMonitor() {
  const r = await api('GET', 'monitor');
  $('mon-error').textContent = r.ok ? '' : errorText(r);
  if (!r.ok) return;
  const m = r.json;
  $('mon-url').textContent = m.url;
  const stats = [['server', m.server_name], ['version', m.version], ['uptime', m.uptime], ['connections', m.connections],
    ['subscriptions', m.subscriptions], ['msgs in', m.in_msgs], ['msgs out', m.out_msgs],
    ['in msg/s', m.in_msgs_per_sec === undefined ? '…' : m.in_msgs_per_sec.toFixed(1)],
    ['out msg/s', m.out_msgs_per_sec === undefined ? '…' : m.out_msgs_per_sec.toFixed(1)]];
  const dl = $('mon-stats');
  dl.replaceChildren();
  for (const [k, v] of stats) { dl.append(el('dt', null, k), el('dd', 'mon-' + k.replace(/[^a-z]+/g, '-'), String(v))); }
  const body = $('mon-conns').querySelector('tbody');
  body.replaceChildren();
  for (const c of m.conns) {
    const tr = el('tr');
    for (const v of [c.cid, c.name, c.ip + ':' + c.port, c.subscriptions, c.in_msgs, c.out_msgs]) tr.append(el('td', null, String(v)));
    body.append(tr);
  }
}

// ---- wiring ----

document.addEventListener('DOMContentLoaded', () => {
  readToken();
  $('token-save').addEventListener('click', () => {
    sessionStorage.setItem('relay-console-token', $('token-input').value.trim());
    $('token-error').textContent = '';
    readToken(); refreshStatus(); refreshSubscriptions();
  });
  $('add-header').addEventListener('click', () => addHeaderRow());
  $('btn-publish').addEventListener('click', publish);
  $('btn-request').addEventListener('click', request);
  $('btn-subscribe').addEventListener('click', subscribe);
  for (const b of document.querySelectorAll('.preset')) {
    b.addEventListener('click', () => { $('sub-subject').value = b.dataset.subject; $('preset-help').textContent = b.dataset.help; });
  }
  $('msg-filter').addEventListener('input', applyFilter);
  $('btn-pause').addEventListener('click', () => {
    state.paused = !state.paused; state.skipped = 0;
    $('btn-pause').textContent = state.paused ? 'Resume' : 'Pause';
    $('msg-paused').textContent = state.paused ? 'paused' : '';
  });
  $('btn-clear').addEventListener('click', () => { $('msg-list').replaceChildren(); $('msg-shown').textContent = '0'; });
  if (state.token) { refreshStatus(); refreshSubscriptions(); }
  setInterval(() => { if (state.token) { refreshStatus(); refreshSubscriptions(); } }, 1000);
});
