// The operations page: reads /ops/api, and posts actions with the CSRF token from its cookie.
'use strict';

function csrf() {
  const m = document.cookie.match(/XSRF-TOKEN=([^;]+)/);
  return m ? decodeURIComponent(m[1]) : '';
}

async function api(path, method = 'GET') {
  const res = await fetch('/ops/api' + path, { method, headers: { 'X-XSRF-TOKEN': csrf() }, credentials: 'same-origin' });
  if (!res.ok) { throw new Error(method + ' ' + path + ': ' + res.status + ' ' + await res.text()); }
  return res.json();
}

function cell(text, cls) {
  const td = document.createElement('td');
  td.textContent = text == null ? '' : String(text);
  if (cls) td.className = cls;
  return td;
}

function fill(id, rows, render) {
  const body = document.querySelector('#' + id + ' tbody');
  body.replaceChildren(...rows.map(r => { const tr = document.createElement('tr'); render(r).forEach(c => tr.append(c)); return tr; }));
}

function button(label, onClick) {
  const b = document.createElement('button');
  b.textContent = label;
  b.addEventListener('click', onClick);
  const td = document.createElement('td');
  td.append(b);
  return td;
}

function when(t) { return t ? new Date(t).toLocaleString() : ''; }

async function loadJobs() {
  const jobs = await api('/jobs');
  fill('jobs', jobs, j => [cell(j.job), cell(j.cron), cell(when(j.nextFireTime)), cell(j.lastRun ? when(j.lastRun.startedAt) : ''),
    cell(j.lastRun ? j.lastRun.outcome : '', j.lastRun ? j.lastRun.outcome : ''),
    cell(j.progress ? j.progress.done + ' done, ' + j.progress.ratePerSecond + '/s' : ''),
    button('Run now', async () => { await api('/jobs/' + j.job + '/run', 'POST'); setTimeout(refresh, 1000); })]);
}

async function loadRuns() {
  const runs = await api('/runs?limit=30');
  fill('runs', runs, r => [cell(r.id), cell(r.job), cell(r.node), cell(r.trigger), cell(when(r.startedAt)),
    cell(r.endedAt ? ((new Date(r.endedAt) - new Date(r.startedAt)) / 1000).toFixed(1) : '', 'num'),
    cell(r.fetched, 'num'), cell(r.sent, 'num'), cell(r.acked, 'num'), cell(r.staged, 'num'), cell(r.deadLettered, 'num'),
    cell(r.outcome + (r.error ? ': ' + r.error : ''), r.outcome)]);
}

async function loadDeadLetters() {
  const list = await api('/dead-letters');
  fill('dead-letters', list, d => {
    const actions = document.createElement('td');
    const replay = document.createElement('button');
    replay.textContent = 'Replay';
    replay.dataset.action = 'replay';
    replay.addEventListener('click', async () => { await api('/dead-letters/' + d.id + '/replay', 'POST'); refresh(); });
    const resolve = document.createElement('button');
    resolve.textContent = 'Resolve';
    resolve.dataset.action = 'resolve';
    resolve.addEventListener('click', async () => {
      const note = prompt('Resolution note for dead letter ' + d.id);
      if (note) { await api('/dead-letters/' + d.id + '/resolve?note=' + encodeURIComponent(note), 'POST'); refresh(); }
    });
    actions.append(replay, ' ', resolve);
    const tr = [cell(d.id), cell(d.flow), cell(d.patientco_id), cell(d.reason), cell(d.attempts, 'num'), cell(when(d.last_seen)), actions];
    return tr;
  });
  document.querySelectorAll('#dead-letters tbody tr').forEach((tr, i) => { tr.dataset.deadLetterId = list[i].id; });
}

async function loadReconciliation() {
  const days = await api('/reconciliation/daily?days=30');
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
  svg.replaceChildren();
  const max = Math.max(1, ...dates.map(d => Math.max(byDate[d].s, byDate[d].p)));
  const w = 900 / Math.max(1, dates.length);
  dates.forEach((d, i) => {
    [['s', '#0b4f6c', 0], ['p', '#2da44e', 1]].forEach(([k, color, off]) => {
      const h = 180 * byDate[d][k] / max;
      const r = document.createElementNS(ns, 'rect');
      r.setAttribute('x', i * w + off * w * 0.4 + 4); r.setAttribute('y', 190 - h);
      r.setAttribute('width', w * 0.38); r.setAttribute('height', h); r.setAttribute('fill', color);
      const t = document.createElementNS(ns, 'title'); t.textContent = d + (k === 's' ? ' settled ' : ' posted ') + byDate[d][k].toFixed(2);
      r.append(t); svg.append(r);
    });
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', i * w + 4); label.setAttribute('y', 210); label.setAttribute('font-size', '9');
    label.textContent = d.slice(5); svg.append(label);
  });
}

async function refresh() {
  await Promise.all([loadJobs(), loadRuns(), loadDeadLetters(), loadReconciliation()]).catch(e => console.error(e));
  document.body.dataset.loaded = 'true';
}

document.getElementById('logout').addEventListener('submit', e => {
  const input = document.createElement('input'); input.type = 'hidden'; input.name = '_csrf'; input.value = csrf();
  e.target.append(input);
});
refresh();
setInterval(refresh, 5000);
