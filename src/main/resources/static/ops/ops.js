// The operations page: reads /ops/api, and posts actions with the CSRF token from its cookie.
'use strict';

function csrf() {
  const m = document.cookie.match(/XSRF-TOKEN=([^;]+)/);
  return m ? decodeURIComponent(m[1]) : '';
}

// XMLHttpRequest rather than fetch: every browser the hospital may use (and HtmlUnit) has it.
// A failed call rejects with the API's own reason ({"error": ...}) when it gave one.
function api(path, method, body) {
  method = method || 'GET';
  return new Promise(function (resolve, reject) {
    const xhr = new XMLHttpRequest();
    xhr.open(method, '/ops/api' + path);
    xhr.setRequestHeader('X-XSRF-TOKEN', csrf());
    if (body !== undefined) { xhr.setRequestHeader('Content-Type', 'application/json'); }
    xhr.onload = function () {
      if (xhr.status >= 200 && xhr.status < 300) { resolve(JSON.parse(xhr.responseText)); return; }
      let reason = method + ' ' + path + ': ' + xhr.status;
      try { reason = JSON.parse(xhr.responseText).error || reason; } catch (e) { /* not JSON */ }
      reject(new Error(reason));
    };
    xhr.onerror = function () { reject(new Error(method + ' ' + path + ': network error')); };
    xhr.send(body === undefined ? null : JSON.stringify(body));
  });
}

function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

function cell(text, cls) {
  const td = document.createElement('td');
  td.textContent = text == null ? '' : String(text);
  if (cls) td.className = cls;
  return td;
}

function fill(id, rows, render) {
  const body = document.querySelector('#' + id + ' tbody');
  clear(body);
  rows.forEach(r => { const tr = document.createElement('tr'); render(r).forEach(c => tr.appendChild(c)); body.appendChild(tr); });
}

function button(label, onClick) {
  const b = document.createElement('button');
  b.textContent = label;
  b.addEventListener('click', onClick);
  const td = document.createElement('td');
  td.appendChild(b);
  return td;
}

function when(t) { return t ? new Date(t).toLocaleString() : ''; }

function loadJobs() {
  return api('/jobs').then(jobs => fill('jobs', jobs, j => [cell(j.job), cell(j.cron), cell(when(j.nextFireTime)), cell(j.lastRun ? when(j.lastRun.startedAt) : ''),
    cell(j.lastRun ? j.lastRun.outcome : '', j.lastRun ? j.lastRun.outcome : ''),
    cell(j.progress ? j.progress.done + ' done, ' + j.progress.ratePerSecond + '/s' : ''),
    button('Run now', () => api('/jobs/' + j.job + '/run', 'POST').then(() => setTimeout(refresh, 1000)))]));
}

function loadRuns() {
  return api('/runs?limit=30').then(runs => fill('runs', runs, r => [cell(r.id), cell(r.job), cell(r.node), cell(r.trigger), cell(when(r.startedAt)),
    cell(r.endedAt ? ((new Date(r.endedAt) - new Date(r.startedAt)) / 1000).toFixed(1) : '', 'num'),
    cell(r.fetched, 'num'), cell(r.sent, 'num'), cell(r.acked, 'num'), cell(r.staged, 'num'), cell(r.deadLettered, 'num'),
    cell(r.outcome + (r.error ? ': ' + r.error : ''), r.outcome)]));
}

function loadDeadLetters() {
  return api('/dead-letters?status=open,waiting').then(list => showDeadLetters(list));
}

function showDeadLetters(list) {
  fill('dead-letters', list, d => {
    const actions = document.createElement('td');
    const replay = document.createElement('button');
    replay.textContent = 'Replay';
    replay.dataset.action = 'replay';
    replay.addEventListener('click', () => api('/dead-letters/' + d.id + '/replay', 'POST').then(refresh));
    const resolve = document.createElement('button');
    resolve.textContent = 'Resolve';
    resolve.dataset.action = 'resolve';
    resolve.addEventListener('click', () => {
      const note = prompt('Resolution note for dead letter ' + d.id);
      if (note) { api('/dead-letters/' + d.id + '/resolve?note=' + encodeURIComponent(note), 'POST').then(refresh); }
    });
    actions.appendChild(replay);
    actions.appendChild(document.createTextNode(' '));
    actions.appendChild(resolve);
    if (d.outbox_id && d.status === 'open') {
      const edit = document.createElement('button');
      edit.textContent = 'Edit and replay';
      edit.dataset.action = 'edit';
      edit.className = 'operator-only';
      edit.addEventListener('click', () => openEdit(d.id));
      actions.appendChild(document.createTextNode(' '));
      actions.appendChild(edit);
    }
    // What waits behind what: a waiting letter names the one it waits for; an open one says how many wait behind it.
    const behind = d.status === 'waiting' ? cell('waits behind #' + d.blocked_by, 'waiting')
      : cell(d.holding > 0 ? 'holds ' + d.holding + ' behind it' : '', d.holding > 0 ? 'holding' : null);
    behind.dataset.field = 'behind';
    return [cell(d.id), cell(d.flow), cell(d.patientco_id), cell(d.status), behind, cell(d.reason), cell(d.attempts, 'num'),
      cell(when(d.last_seen)), actions];
  });
  document.querySelectorAll('#dead-letters tbody tr').forEach((tr, i) => { tr.setAttribute('data-dead-letter-id', list[i].id); });
}

function loadReconciliation() {
  return api('/reconciliation/daily?days=30').then(days => showReconciliation(days));
}

function showReconciliation(days) {
  fill('reconciliation', days, d => [cell(d.deposit_date), cell(d.facility_id), cell(d.deposited_net, 'num'),
    cell(d.settled_sales, 'num'), cell(d.posted_sales, 'num'), cell(d.matched, 'num'), cell(d.unposted, 'num'), cell(d.differences, 'num')]);
  chart(days);
}

function chart(days) {
  const byDate = {};
  days.forEach(d => { const e = byDate[d.deposit_date] || (byDate[d.deposit_date] = { s: 0, p: 0 }); e.s += Number(d.settled_sales || 0); e.p += Number(d.posted_sales || 0); });
  const dates = Object.keys(byDate).sort().slice(-20);
  const svg = document.getElementById('chart');
  const ns = 'http://www.w3.org/2000/svg';
  clear(svg);
  const max = dates.reduce((m, d) => Math.max(m, byDate[d].s, byDate[d].p), 1);
  const w = 900 / Math.max(1, dates.length);
  dates.forEach((d, i) => {
    [['s', '#0b4f6c', 0], ['p', '#2da44e', 1]].forEach(bar => {
      const k = bar[0], color = bar[1], off = bar[2];
      const h = 180 * byDate[d][k] / max;
      const r = document.createElementNS(ns, 'rect');
      r.setAttribute('x', i * w + off * w * 0.4 + 4); r.setAttribute('y', 190 - h);
      r.setAttribute('width', w * 0.38); r.setAttribute('height', h); r.setAttribute('fill', color);
      const t = document.createElementNS(ns, 'title'); t.textContent = d + (k === 's' ? ' settled ' : ' posted ') + byDate[d][k].toFixed(2);
      r.appendChild(t); svg.appendChild(r);
    });
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', i * w + 4); label.setAttribute('y', 210); label.setAttribute('font-size', '9');
    label.textContent = d.slice(5); svg.appendChild(label);
  });
}

function loadStatements() {
  const select = document.getElementById('statement-facility');
  return api('/statements?facility=' + encodeURIComponent(select.value)).then(s => {
    const known = Array.from(select.options).map(o => o.value);
    s.facilities.filter(f => known.indexOf(f) < 0).forEach(f => {
      const o = document.createElement('option'); o.value = f; o.textContent = f; select.appendChild(o);
    });
    fill('statements', s.rows, r => [cell(r.delivery_status), cell(r.age_days), cell(r.statements, 'num'),
      cell(r.amount_due, 'num'), cell(r.past_due, 'num'), cell(r.pdfs_archived, 'num'), cell(r.pdfs_failed, 'num')]);
  });
}

document.getElementById('statement-facility').addEventListener('change', () => loadStatements());

function refresh() {
  checkIdle();
  return Promise.all([loadJobs(), loadRuns(), loadDeadLetters(), loadReconciliation(), loadStatements(), loadLive(),
    loadProgress(), loadAudit(), loadRetention(), loadBackfillJobs()])
    .catch(e => console.error(e))
    .then(() => { document.body.setAttribute('data-loaded', 'true'); });
}

// --- Who is signed in; a session left idle ends on its own even while the page polls. ---
let me = { operator: false, sessionTimeoutSeconds: 1800 };
let lastActivity = Date.now();
['keydown', 'mousedown', 'touchstart'].forEach(t => document.addEventListener(t, () => { lastActivity = Date.now(); }));

function loadMe() {
  return api('/me').then(m => {
    me = m;
    document.getElementById('me').textContent = m.username + (m.operator ? ' (operator)' : ' (viewer)');
    if (m.operator) { document.body.classList.remove('viewer'); } else { document.body.classList.add('viewer'); }
  });
}

function checkIdle() {
  if (me.sessionTimeoutSeconds > 0 && Date.now() - lastActivity > me.sessionTimeoutSeconds * 1000) {
    const form = document.getElementById('logout');
    const input = document.createElement('input'); input.type = 'hidden'; input.name = '_csrf'; input.value = csrf();
    form.appendChild(input);
    form.submit();
  }
}

function note(id, text, cls) {
  const n = document.getElementById(id);
  n.textContent = text;
  n.className = cls || '';
}

// --- Live state: the EHR connection, delivery paused or not, the backlog, the rate, work in progress. ---
function seconds(s) {
  if (s == null || s < 0) return '';
  if (s < 120) return s + ' s';
  if (s < 7200) return Math.round(s / 60) + ' min';
  return (s / 3600).toFixed(1) + ' h';
}

function loadLive() {
  return Promise.all([api('/delivery'), api('/delivery/rate?hours=3')]).then(r => {
    const s = r[0];
    const c = s.connection;
    note('ehr-connection', c.connection + ' ' + c.address + ': ' + (!c.checkedAt ? c.error
      : (c.up ? 'up' : 'down (' + c.error + ')') + ' since ' + when(c.since)), c.up ? 'up' : 'down');
    const d = s.delivery;
    note('delivery-state', d.paused ? 'paused by ' + d.by + ' since ' + when(d.since) + (d.reason ? ': ' + d.reason : '')
      : 'sending' + (d.since ? ' (resumed by ' + d.by + ' ' + when(d.since) + ')' : ''), d.paused ? 'paused' : 'up');
    document.getElementById('live').setAttribute('data-paused', String(d.paused));
    const b = s.backlog;
    note('backlog', b.waiting + ' waiting to send' + (b.waiting > 0 ? ', oldest ' + seconds(b.oldest_seconds) : '')
      + '; ' + b.waiting_for_linkage + ' waiting for linkage, ' + b.held + ' held, ' + b.dead + ' dead');
    rateChart(r[1]);
  });
}

document.getElementById('pause').addEventListener('click', () =>
  api('/delivery/pause?reason=' + encodeURIComponent(document.getElementById('pause-reason').value), 'POST').then(refresh));
document.getElementById('resume').addEventListener('click', () => api('/delivery/resume', 'POST').then(refresh));

// Messages per minute, accepted and rejected, over three hours: axes with times and counts, and a legend.
function rateChart(points) {
  const svg = document.getElementById('rate-chart');
  const ns = 'http://www.w3.org/2000/svg';
  clear(svg);
  const left = 50, top = 25, width = 820, height = 170;
  const end = Math.ceil(Date.now() / 60000) * 60000, start = end - 3 * 3600 * 1000;
  const max = points.reduce((m, p) => Math.max(m, Number(p.accepted), Number(p.rejected)), 1);
  const x = t => left + width * (t - start) / (end - start);
  const y = v => top + height - height * v / max;
  function add(tag, attrs, text) {
    const e = document.createElementNS(ns, tag);
    Object.keys(attrs).forEach(k => e.setAttribute(k, attrs[k]));
    if (text != null) e.textContent = text;
    svg.appendChild(e);
    return e;
  }
  add('line', { x1: left, y1: top + height, x2: left + width, y2: top + height, stroke: '#1d2733' });
  add('line', { x1: left, y1: top, x2: left, y2: top + height, stroke: '#1d2733' });
  for (let i = 0; i <= 4; i++) {
    const v = Math.round(max * i / 4);
    add('text', { x: left - 6, y: y(v) + 3, 'text-anchor': 'end' }, String(v));
    add('line', { x1: left, y1: y(v), x2: left + width, y2: y(v), stroke: '#eaeef2' });
  }
  for (let i = 0; i <= 6; i++) {
    const t = start + i * 30 * 60000;
    add('text', { x: x(t), y: top + height + 14, 'text-anchor': 'middle' },
      new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
  }
  add('text', { x: left, y: 12 }, 'messages per minute');
  add('text', { x: left + width / 2, y: top + height + 30, 'text-anchor': 'middle' }, 'time');
  // Every minute of the three hours, those with no message at zero, so a lone busy minute is a peak, not a dot.
  const byMinute = {};
  points.forEach(p => { byMinute[new Date(p.minute).getTime()] = p; });
  const minutes = [];
  for (let t = start; t < end; t += 60000) { minutes.push(t); }
  [['accepted', '#2da44e'], ['rejected', '#cf222e']].forEach((series, k) => {
    const pts = minutes.map(t => x(t) + ',' + y(byMinute[t] ? Number(byMinute[t][series[0]]) : 0)).join(' ');
    if (pts) add('polyline', { points: pts, fill: 'none', stroke: series[1], 'stroke-width': 2, 'data-series': series[0] });
    add('rect', { x: left + width - 160 + k * 85, y: 4, width: 10, height: 10, fill: series[1] });
    add('text', { x: left + width - 146 + k * 85, y: 13, class: 'legend' }, series[0]);
  });
}

function loadProgress() {
  return api('/progress').then(list => fill('progress', list, p => [cell(p.what), cell(p.done, 'num'),
    cell(p.total > 0 ? p.total : '', 'num'), cell(p.ratePerSecond, 'num'), cell(seconds(p.secondsLeft))]));
}

// --- The message browser. ---
let messageCursor = null;

function messageQuery() {
  const form = document.getElementById('message-search');
  const q = [];
  Array.from(form.elements).forEach(e => { if (e.name && e.value) q.push(e.name + '=' + encodeURIComponent(e.value)); });
  return q.join('&');
}

function searchMessages(after) {
  const q = messageQuery() + (after ? '&after=' + encodeURIComponent(after) : '');
  return api('/messages?limit=50&' + q).then(page => {
    fill('messages', page.rows, m => [cell(m.id), cell(when(m.created_at)), cell(m.message_type), cell(m.msh10),
      cell(m.outcome, m.outcome), cell(m.ack_code), cell(m.facility), cell(m.guarantor),
      cell(String(m.patientco_ids || '').replace(/[{}]/g, '').split(',').join(', ')),
      button('Open', () => openMessage(m.id))]);
    document.querySelectorAll('#messages tbody tr').forEach((tr, i) => { tr.setAttribute('data-message-id', page.rows[i].id); });
    messageCursor = page.next;
    document.getElementById('m-next').disabled = !page.next;
    document.getElementById('messages').setAttribute('data-searched', String(Date.now()));
    note('m-error', '');
  }).catch(e => note('m-error', e.message, 'failed'));
}

document.getElementById('message-search').addEventListener('submit', e => { e.preventDefault(); searchMessages(null); });
document.getElementById('m-next').addEventListener('click', () => searchMessages(messageCursor));

function fieldRows(id, segments) {
  const rows = [];
  segments.forEach(s => s.fields.forEach(f => rows.push(f)));
  fill(id, rows, f => [cell(f.path), cell(f.name), cell(f.value, f.masked ? 'value masked' : 'value')]);
  document.querySelectorAll('#' + id + ' tbody tr').forEach((tr, i) => { tr.setAttribute('data-field', rows[i].path); });
}

let openId = null;

function openMessage(id) {
  return api('/messages/' + id).then(m => {
    openId = id;
    const panel = document.getElementById('message');
    panel.hidden = false;
    document.getElementById('message-title').textContent = m.message_type + ' ' + m.msh10 + ' (#' + m.id + ')';
    document.getElementById('message-note').textContent = 'Outcome ' + m.status + (m.ack_code ? ', ACK ' + m.ack_code : '')
      + ', sent ' + (m.sends.length) + ' time(s)' + (m.masked ? '; names, birth dates, addresses and MRNs are masked' : '')
      + (m.body_pruned_at ? '; its text is past retention' : '');
    fieldRows('message-fields', m.segments);
    const last = m.sends.length ? m.sends[m.sends.length - 1] : null;
    fieldRows('ack-fields', last ? last.segments : []);
    panel.setAttribute('data-message-id', String(id));
    const resend = document.getElementById('resend');
    resend.disabled = m.status !== 'acked' || !!m.body_pruned_at;
    resend.dataset.confirming = 'false';
    resend.textContent = 'Resend with the same MSH-10';
  }).catch(e => { document.getElementById('message-note').textContent = e.message; });
}

// A resend asks once more before it goes: the EHR will receive the message a second time.
document.getElementById('resend').addEventListener('click', () => {
  if (openId == null) return;
  const b = document.getElementById('resend');
  if (b.dataset.confirming !== 'true') {
    b.dataset.confirming = 'true';
    b.textContent = 'Confirm: send #' + openId + ' to the EHR again';
    return;
  }
  b.dataset.confirming = 'false';
  b.textContent = 'Resend with the same MSH-10';
  api('/messages/' + openId + '/resend', 'POST').then(r => {
    document.getElementById('message-note').textContent = 'Queued to resend as ' + r.msh10 + '.';
    document.getElementById('message').setAttribute('data-resent', 'true');
    loadAudit();
  }).catch(e => { document.getElementById('message-note').textContent = e.message; });
});

// --- Edit a dead letter's message, field by field, then validate and replay. ---
let editing = null;

function openEdit(deadLetterId) {
  return api('/dead-letters/' + deadLetterId + '/message').then(m => {
    editing = deadLetterId;
    const form = document.getElementById('edit');
    form.hidden = false;
    document.getElementById('edit-title').textContent = 'Dead letter #' + deadLetterId + ', message #' + m.outboxId;
    note('edit-error', '');
    const rows = [];
    m.segments.forEach(s => s.fields.forEach(f => rows.push({ segment: s.index, f: f })));
    fill('edit-fields', rows, r => {
      const td = document.createElement('td');
      const input = document.createElement('input');
      input.value = r.f.value;
      input.dataset.segment = r.segment;
      input.dataset.field = r.f.number;
      input.dataset.original = r.f.value;
      input.name = r.f.path;
      input.setAttribute('aria-label', r.f.path + ' ' + r.f.name);
      input.readOnly = r.f.path === 'MSH-1' || r.f.path === 'MSH-2' || r.f.path === 'MSH-9' || r.f.path === 'MSH-10';
      td.appendChild(input);
      return [cell(r.f.path), cell(r.f.name), td];
    });
    document.querySelectorAll('#edit-fields tbody tr').forEach((tr, i) => {
      tr.setAttribute('data-field', rows[i].f.path);
      tr.setAttribute('data-segment', rows[i].segment);
    });
  }).catch(e => { document.getElementById('edit').hidden = false; note('edit-error', e.message, 'failed'); });
}

document.getElementById('edit').addEventListener('submit', e => {
  e.preventDefault();
  const changes = [];
  document.querySelectorAll('#edit-fields input').forEach(i => {
    if (i.value !== i.dataset.original) {
      changes.push({ segment: Number(i.dataset.segment), field: Number(i.dataset.field), value: i.value });
    }
  });
  api('/dead-letters/' + editing + '/edit', 'POST', { changes: changes }).then(r => {
    document.getElementById('edit').hidden = true;
    refresh();
  }).catch(err => note('edit-error', err.message, 'failed'));
});
document.getElementById('edit-cancel').addEventListener('click', () => { document.getElementById('edit').hidden = true; });

// --- Backfill. ---
function loadBackfillJobs() {
  return api('/jobs').then(jobs => {
    const select = document.getElementById('backfill-job');
    if (select.options.length) return;
    jobs.forEach(j => { const o = document.createElement('option'); o.value = j.job; o.textContent = j.job; select.appendChild(o); });
  });
}

document.getElementById('backfill').addEventListener('submit', e => {
  e.preventDefault();
  const job = document.getElementById('backfill-job').value, from = document.getElementById('backfill-from').value;
  api('/jobs/' + job + '/run?backfillFrom=' + from, 'POST').then(() => {
    note('backfill-note', 'Backfill of ' + job + ' from ' + from + ' started; its progress shows in Jobs and Work in progress.');
    refresh();
  }).catch(err => note('backfill-note', err.message, 'failed'));
});

// --- The audit log. ---
function auditQuery() {
  const q = [['from', 'a-from'], ['to', 'a-to'], ['action', 'a-action'], ['actor', 'a-actor']]
    .filter(p => document.getElementById(p[1]).value)
    .map(p => p[0] + '=' + encodeURIComponent(document.getElementById(p[1]).value));
  return q.join('&');
}

function loadAudit() {
  return api('/audit?limit=100&' + auditQuery()).then(rows => {
    fill('audit', rows, a => [cell(a.id), cell(when(a.at)), cell(a.actor), cell(a.action), cell(a.target), cell(a.detail),
      cell(a.address), cell(a.before, 'operator-only value'), cell(a.after, 'operator-only value')]);
    document.querySelectorAll('#audit tbody tr').forEach((tr, i) => { tr.setAttribute('data-action', rows[i].action); });
  });
}

document.getElementById('audit-search').addEventListener('submit', e => { e.preventDefault(); loadAudit(); });

// --- Retention. ---
function loadRetention() {
  return api('/retention').then(r => {
    const p = r.policy, last = r.lastRun;
    note('retention', 'Message bodies kept ' + p.messageBodies + ', messages ' + p.messages + ', audit log ' + p.audit
      + '. Last run: ' + (last ? when(last.startedAt) + ', ' + last.outcome + (last.detail ? ': ' + last.detail : '') : 'none yet'));
  });
}

document.getElementById('retention-run').addEventListener('click', () => api('/retention/run', 'POST').then(refresh));

// --- A user's own password. ---
document.getElementById('password').addEventListener('submit', e => {
  e.preventDefault();
  api('/password', 'POST', { current: document.getElementById('pw-current').value, chosen: document.getElementById('pw-chosen').value })
    .then(() => { note('pw-note', 'Password changed.', 'ok'); document.getElementById('password').reset(); })
    .catch(err => note('pw-note', err.message, 'failed'));
});

document.getElementById('logout').addEventListener('submit', e => {
  const input = document.createElement('input'); input.type = 'hidden'; input.name = '_csrf'; input.value = csrf();
  e.target.appendChild(input);
});
loadMe().then(refresh);
setInterval(refresh, 5000);
