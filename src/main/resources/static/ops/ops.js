// The operations page: reads /ops/api, and posts actions with the CSRF token from its cookie.
'use strict';

function csrf() {
  const m = document.cookie.match(/XSRF-TOKEN=([^;]+)/);
  return m ? decodeURIComponent(m[1]) : '';
}

// XMLHttpRequest rather than fetch: every browser the hospital may use (and HtmlUnit) has it.
function api(path, method) {
  method = method || 'GET';
  return new Promise(function (resolve, reject) {
    const xhr = new XMLHttpRequest();
    xhr.open(method, '/ops/api' + path);
    xhr.setRequestHeader('X-XSRF-TOKEN', csrf());
    xhr.onload = function () {
      if (xhr.status >= 200 && xhr.status < 300) { resolve(JSON.parse(xhr.responseText)); }
      else { reject(new Error(method + ' ' + path + ': ' + xhr.status)); }
    };
    xhr.onerror = function () { reject(new Error(method + ' ' + path + ': network error')); };
    xhr.send();
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
  return Promise.all([loadJobs(), loadRuns(), loadDeadLetters(), loadReconciliation(), loadStatements()])
    .catch(e => console.error(e))
    .then(() => { document.body.setAttribute('data-loaded', 'true'); });
}

document.getElementById('logout').addEventListener('submit', e => {
  const input = document.createElement('input'); input.type = 'hidden'; input.name = '_csrf'; input.value = csrf();
  e.target.appendChild(input);
});
refresh();
setInterval(refresh, 5000);
