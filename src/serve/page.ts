/**
 * The web page: one HTML document with its script, served by the same process
 * as the API (no build step). Hash routes: #/entity/ID, #/deal/ID,
 * #/article/ID?hl=start-end, #/paste. Plain links and form controls, so it is
 * usable by keyboard; one column on a narrow screen.
 */
export const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>dealgraph</title>
<script src="/assets/market.js" defer></script>
<style>
:root{--fg:#1d2433;--mute:#5b6577;--line:#d9dee7;--acc:#1f5fbf;--hl:#fff1a8;--bg:#fafbfc}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{display:flex;gap:1rem;align-items:center;flex-wrap:wrap;padding:.75rem 1rem;border-bottom:1px solid var(--line);background:#fff;position:sticky;top:0}
header a.home{font-weight:700;color:var(--fg);text-decoration:none;font-size:1.2rem}
.search{position:relative;flex:1;min-width:14rem;max-width:36rem}
.search input{width:100%;padding:.5rem .75rem;font-size:1rem;border:1px solid var(--line);border-radius:6px}
.search ul{position:absolute;left:0;right:0;margin:0;padding:0;list-style:none;background:#fff;border:1px solid var(--line);border-radius:6px;z-index:2}
.search li a{display:block;padding:.4rem .75rem;color:var(--fg);text-decoration:none}.search li a:focus,.search li a:hover{background:#eef3fb;outline:none}
main{max-width:60rem;margin:0 auto;padding:1rem}main:focus{outline:none}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1.5rem 0 .4rem;border-bottom:1px solid var(--line)}
.mute{color:var(--mute)}a{color:var(--acc)}a:focus{outline:2px solid var(--acc);outline-offset:2px}
ol.items,ul.items{padding-left:1.2rem}li{margin:.25rem 0}
.status{display:inline-block;padding:0 .4rem;border-radius:4px;background:#e8eef8;font-size:.85rem}
.st-failed,.st-ended{background:#fbe3e3}.st-completed,.st-active{background:#e1f3e5}.st-agreed{background:#e6f0ff}.st-in_talks,.st-rumored{background:#fff4d6}
mark{background:var(--hl);padding:0 .1rem}mark.ev{background:#d6ecff}mark.hl{background:#ffd54a;outline:1px solid #e0a800}blockquote{margin:.3rem 0 .8rem;padding:.3rem .8rem;border-left:3px solid var(--line);background:#fff}
pre.article{white-space:pre-wrap;font:inherit;background:#fff;padding:1rem;border:1px solid var(--line);border-radius:6px}
.ORG{background:#e3edff}.PER{background:#e8f7e4}.LOC{background:#f6e8ff}.MISC{background:#f0f0f0}
textarea{width:100%;min-height:12rem;font:inherit;padding:.5rem;border:1px solid var(--line);border-radius:6px}
button{font:inherit;padding:.45rem 1rem;border:1px solid var(--acc);background:var(--acc);color:#fff;border-radius:6px;cursor:pointer}
.err{color:#a11}
@media (max-width:600px){header{padding:.5rem}main{padding:.6rem}h1{font-size:1.25rem}}
</style></head>
<body>
<header><a class="home" href="#/">dealgraph</a>
<div class="search" role="search"><label class="mute" for="q" hidden>Search companies and people</label>
<input id="q" type="search" placeholder="Search a company or person…" autocomplete="off" aria-autocomplete="list" aria-controls="sugg">
<ul id="sugg" role="listbox" hidden></ul></div>
<a href="#/paste">Paste an article</a>
<form id="tokf" hidden><label for="tok">Access token</label> <input id="tok" type="password" autocomplete="off"> <button>Use</button></form></header>
<main id="main" tabindex="-1"><p class="mute">Search a company or person to see its deals, roles, stakes and quotes, each linked to the sentence that says so.</p></main>
<script>
const $ = (s) => document.querySelector(s);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'})[c]);
const main = $('#main');
// A server started with a token asks for it once per tab: kept in sessionStorage, sent as a bearer token.
async function api(path, opts = {}) {
  const token = sessionStorage.getItem('dealgraph-token');
  const headers = Object.assign({}, opts.headers, token ? { authorization: 'Bearer ' + token } : {});
  const r = await fetch('/api/' + path, Object.assign({}, opts, { headers }));
  const body = await r.json().catch(() => ({ error: 'bad response' }));
  if (r.status === 401) { $('#tokf').hidden = false; $('#tok').focus(); }
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}
$('#tokf').addEventListener('submit', (e) => {
  e.preventDefault();
  sessionStorage.setItem('dealgraph-token', $('#tok').value);
  $('#tok').value = '';
  $('#tokf').hidden = true;
  route();
});
const status = (s) => s ? '<span class="status st-' + esc(s) + '">' + esc(s.replace('_', ' ')) + '</span>' : '';
const sources = (srcs) => (srcs || []).map((s) => '<a href="#/article/' + s.article + '">' + esc(s.published || 'article ' + s.article) + '</a>').join(', ');

// Search with suggestions: arrow keys move through them, Enter opens.
let timer;
$('#q').addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(suggest, 120); });
$('#q').addEventListener('keydown', (e) => {
  if (e.key === 'ArrowDown') { const a = $('#sugg a'); if (a) { e.preventDefault(); a.focus(); } }
  if (e.key === 'Enter') { const a = $('#sugg a'); if (a) { location.hash = a.getAttribute('href'); hideSugg(); } }
});
$('#sugg').addEventListener('keydown', (e) => {
  const el = document.activeElement;
  if (e.key === 'ArrowDown' && el.parentElement.nextElementSibling) { e.preventDefault(); el.parentElement.nextElementSibling.firstChild.focus(); }
  if (e.key === 'ArrowUp') { e.preventDefault(); (el.parentElement.previousElementSibling ? el.parentElement.previousElementSibling.firstChild : $('#q')).focus(); }
  if (e.key === 'Escape') { hideSugg(); $('#q').focus(); }
});
$('#sugg').addEventListener('click', hideSugg);
function hideSugg() { $('#sugg').hidden = true; }
async function suggest() {
  const q = $('#q').value.trim();
  if (!q) return hideSugg();
  try {
    const r = await api('entities?limit=8&q=' + encodeURIComponent(q));
    $('#sugg').innerHTML = r.items.map((e) => '<li role="option"><a href="#/entity/' + e.id + '">' + esc(e.name) + ' <span class="mute">' + e.type + ' · ' + e.articles + ' articles</span></a></li>').join('');
    $('#sugg').hidden = r.items.length === 0;
  } catch { hideSugg(); }
}

async function showEntity(id) {
  const p = await api('entities/' + id);
  const list = (items, f) => items.length ? '<ul class="items">' + items.map(f).join('') + '</ul>' : '<p class="mute">none found</p>';
  const item = (i) => '<li>' + (i.date ? '<span class="mute">' + esc(i.date) + '</span> ' : '') + esc(i.text) + (i.negated ? ' <em>(denied)</em>' : '') + ' ' + status(i.status) + ' — ' + sources(i.sources) + '</li>';
  main.innerHTML = '<h1>' + esc(p.entity.name) + '</h1><p class="mute">' + p.entity.type + ' · in ' + p.entity.articles + ' articles' +
    (p.entity.aliases.length ? ' · also: ' + esc(p.entity.aliases.slice(0, 15).join(', ')) : '') + '</p>' +
    '<h2>Deals</h2>' + list(p.deals, (d) => '<li><a href="#/deal/' + d.id + '">' + esc(d.type) + ': ' + esc(d.parties.map((x) => x.name + ' (' + x.role + ')').join(', ')) + '</a> ' + status(d.status) + ' <span class="mute">' + esc(d.firstSeen || '') + ' → ' + esc(d.lastSeen || '') + '</span></li>') +
    '<h2>Roles</h2>' + list(p.roles, item) + '<h2>Stakes</h2>' + list(p.stakes, item) + '<h2>Subsidiaries</h2>' + list(p.subsidiaries, item) +
    '<h2>Financial results</h2>' + list(p.financials, item) + '<h2>Stock moves</h2>' + list(p.stockMoves, item) + '<h2>Quotes</h2>' + list(p.quotes, item) +
    '<h2>Events</h2>' + list(p.events || [], (e) => '<li>' + (e.date ? '<span class="mute">' + esc(e.date) + '</span> ' : '') + '<strong>' + esc(e.type + (e.subtype ? '/' + e.subtype : '')) + '</strong> ' + esc(e.text) + (e.negated ? ' <em>(negated)</em>' : '') + ' — ' + sources(e.sources) + '</li>') +
    '<h2>Neighbourhood</h2><div id="graph" role="img" aria-label="companies linked to ' + esc(p.entity.name) + ' by deals, stakes and subsidiaries" style="height:340px;border:1px solid var(--line);border-radius:6px;background:#fff"></div><div id="graphlist"></div>' +
    '<h2>Connections</h2><p><label>How is it connected to <input id="pathq" placeholder="another company"></label> <button id="pathb">Find</button></p><div id="paths"></div>';
  drawGraph(id);
  if (window.dealgraphMarket) window.dealgraphMarket.entity(id, api, esc, main);
  $('#pathb').onclick = async () => {
    try {
      const r = await api('path?a=' + id + '&b=' + encodeURIComponent($('#pathq').value));
      $('#paths').innerHTML = r.paths.length ? '<ol class="items">' + r.paths.map((p) => '<li>' + p.map((n, k) => (k ? ' —' + esc(n.via) + '→ ' : '') + '<a href="#/entity/' + n.entity + '">' + esc(n.name) + '</a>').join('') + '</li>').join('') + '</ol>' : '<p class="mute">no connection within 4 steps</p>';
    } catch (e) { $('#paths').innerHTML = '<p class="err">' + esc(e.message) + '</p>'; }
  };
}

let cyLoaded = null;
function loadCytoscape() {
  if (!cyLoaded) cyLoaded = new Promise((resolve) => { const sc = document.createElement('script'); sc.src = '/assets/cytoscape.min.js'; sc.onload = () => resolve(window.cytoscape); sc.onerror = () => resolve(null); document.head.appendChild(sc); });
  return cyLoaded;
}
async function drawGraph(id) {
  const g = await api('entities/' + id + '/graph?depth=2&max=40');
  // The same links as a list, for keyboards and screen readers.
  $('#graphlist').innerHTML = g.edges.length ? '<ul class="items">' + g.edges.map((e) => { const n = (x) => g.nodes.find((k) => k.id === x); return '<li><a href="#/entity/' + e.source + '">' + esc(n(e.source).name) + '</a> — ' + esc(e.type) + ' — <a href="#/entity/' + e.target + '">' + esc(n(e.target).name) + '</a></li>'; }).join('') + '</ul>' : '<p class="mute">no deals, stakes or subsidiaries linked yet</p>';
  const cy = await loadCytoscape();
  if (!cy || !$('#graph')) return;
  cy({ container: $('#graph'), layout: { name: 'cose', animate: false },
    elements: [...g.nodes.map((n) => ({ data: { id: 'n' + n.id, label: n.name, root: n.depth === 0 ? 1 : 0, eid: n.id } })),
      ...g.edges.map((e, i) => ({ data: { id: 'e' + i, source: 'n' + e.source, target: 'n' + e.target, label: e.type } }))],
    style: [{ selector: 'node', style: { label: 'data(label)', 'font-size': 10, 'background-color': '#7aa2e3', width: 14, height: 14 } },
      { selector: 'node[root = 1]', style: { 'background-color': '#1f5fbf', width: 22, height: 22 } },
      { selector: 'edge', style: { label: 'data(label)', 'font-size': 8, color: '#5b6577', width: 1.5, 'line-color': '#c5cdd9', 'curve-style': 'bezier' } }],
  }).on('tap', 'node', (ev) => { location.hash = '#/entity/' + ev.target.data('eid'); });
}

async function showDeal(id) {
  const t = await api('deals/' + id);
  main.innerHTML = '<h1>' + esc(t.deal.type) + ': ' + esc(t.deal.parties.map((x) => x.name).join(' + ')) + '</h1><p>Now ' + status(t.deal.status) + '</p><h2>Timeline</h2><ol class="items">' +
    t.steps.map((s) => '<li><span class="mute">' + esc(s.date || '') + '</span> ' + status(s.status) + (s.negated ? ' <em>(denied)</em>' : '') + ' <span class="mute">' + esc(s.modality) + '</span>' +
      (s.quote ? '<blockquote>…' + esc(s.quote.before) + '<mark>' + esc(s.quote.text) + '</mark>' + esc(s.quote.after) + '…</blockquote>' : '') +
      '<a href="#/article/' + s.sources[0].article + '?hl=' + (s.evidence[0] ? s.evidence[0].start + '-' + s.evidence[0].end : '') + '">source article</a></li>').join('') + '</ol>';
  if (window.dealgraphMarket) window.dealgraphMarket.deal(id, api, esc, main);
}

function highlighted(text, entities, facts, hl, events) {
  const marks = [];
  for (const e of entities) for (const m of e.mentions) marks.push({ s: m.start, e: m.end, cls: e.type, title: e.name });
  const spans = [];
  if (hl) spans.push({ s: hl[0], e: hl[1] });
  for (const f of facts) for (const ev of f.evidence) spans.push({ s: ev.start, e: ev.end, fact: f });
  // Event triggers the facts do not already cover, in their own colour.
  for (const v of events || []) spans.push({ s: v.trigger.start, e: v.trigger.end, event: v });
  // Render: facts' evidence as <mark>, names as coloured spans inside.
  const cuts = new Set([0, text.length]);
  for (const x of [...marks, ...spans]) { cuts.add(x.s); cuts.add(x.e); }
  const pts = [...cuts].sort((a, b) => a - b);
  let out = '';
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i], b = pts[i + 1];
    let piece = esc(text.slice(a, b));
    const m = marks.find((x) => x.s <= a && x.e >= b);
    if (m) piece = '<span class="' + m.cls + '" title="' + esc(m.cls + ': ' + m.title) + '">' + piece + '</span>';
    const sp = spans.find((x) => x.s <= a && x.e >= b);
    const inHl = hl && hl[0] <= a && hl[1] >= b;
    if (sp) piece = '<mark' + (inHl ? ' class="hl"' : sp.event ? ' class="ev"' : '') + (inHl && a === hl[0] ? ' id="hl"' : '') + (sp.fact ? ' title="' + esc(sp.fact.type + (sp.fact.status ? ' · ' + sp.fact.status : '') + ' · ' + sp.fact.rule) + '"' : sp.event ? ' title="' + esc('event ' + sp.event.type + (sp.event.subtype ? '/' + sp.event.subtype : '')) + '"' : '') + '>' + piece + '</mark>';
    out += piece;
  }
  return out;
}
function factList(x) {
  const name = (id) => (x.entities.find((e) => e.id === id) || {}).name || id;
  return '<ol class="items">' + x.facts.map((f) => '<li><strong>' + esc(f.type) + '</strong> ' + status(f.status) + (f.negated ? ' <em>(negated)</em>' : '') + ' <span class="mute">' + esc(f.modality) + '</span> ' +
    esc(Object.entries(f.args).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => k + ': ' + (Array.isArray(v) ? v.map(name).join(' + ') : typeof v === 'object' ? (v.text || JSON.stringify(v)) : /^e\\d+$/.test(v) ? name(v) : v)).join('; ')) + '</li>').join('') + '</ol>';
}
function eventList(x) {
  const evs = x.events || [];
  if (!evs.length) return '<p class="mute">none found</p>';
  return '<p class="mute">Found by the learnt event model; triggers are marked <mark class="ev">in blue</mark> in the text.</p><ol class="items">' + evs.map((v) => '<li><strong>' + esc(v.type + (v.subtype ? '/' + v.subtype : '')) + '</strong> “' + esc(v.trigger.text) + '”' + (v.negated ? ' <em>(negated)</em>' : '') + ' <span class="mute">' + esc(v.modality) + ' · ' + v.confidence + '</span> ' +
    esc(v.args.map((a) => a.role + ': ' + a.text).join('; ')) + '</li>').join('') + '</ol>';
}
async function showArticle(id, hl) {
  const a = await api('articles/' + id);
  main.innerHTML = '<h1>' + esc(a.title || a.extId) + '</h1><p class="mute">' + esc(a.published || '') + ' · ' + esc(a.source) + (a.nearDupOf ? ' · near-duplicate of <a href="#/article/' + a.nearDupOf + '">article ' + a.nearDupOf + '</a>' : '') + '</p>' +
    '<pre class="article">' + highlighted(a.text, a.extraction.entities, a.extraction.facts, hl, a.extraction.events) + '</pre><h2>Facts</h2>' + factList(a.extraction) + '<h2>Events</h2>' + eventList(a.extraction);
  const h = $('#hl'); if (h) h.scrollIntoView({ block: 'center' });
}
function showPaste() {
  main.innerHTML = '<h1>Paste an article</h1><p><label for="txt">Text or HTML of a news article</label></p><textarea id="txt"></textarea><p><label>Published <input id="pub" type="date"></label> <button id="go">Extract</button></p><div id="out" aria-live="polite"></div>';
  $('#go').onclick = async () => {
    const v = $('#txt').value;
    const body = /^\\s*</.test(v) ? { html: v } : { text: v };
    if ($('#pub').value) body.published = $('#pub').value;
    try {
      const x = await api('extract', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = body.text ?? v;
      $('#out').innerHTML = '<h2>Facts</h2>' + factList(x) + '<h2>Events</h2>' + eventList(x) + (body.text ? '<h2>Text</h2><pre class="article">' + highlighted(text, x.entities, x.facts, null, x.events) + '</pre>' : '');
    } catch (e) { $('#out').innerHTML = '<p class="err">' + esc(e.message) + '</p>'; }
  };
}

async function route() {
  hideSugg();
  const [, kind, rest] = location.hash.match(/^#\\/(\\w+)\\/?(.*)$/) || [];
  try {
    if (kind === 'entity') await showEntity(Number(rest));
    else if (kind === 'deal') await showDeal(Number(rest));
    else if (kind === 'article') { const [id, q] = rest.split('?hl='); await showArticle(Number(id), q ? q.split('-').map(Number) : null); }
    else if (kind === 'paste') showPaste();
  } catch (e) { main.innerHTML = '<p class="err">' + esc(e.message) + '</p>'; }
  main.focus();
}
addEventListener('hashchange', route);
route();
</script></body></html>
`;
