/**
 * The web page: one HTML document with its script, served by the same process
 * as the API (no build step). Hash routes: #/ (start: counts, latest deals and
 * articles), #/deals?type=&status=&from=&to=&party=&offset=, #/entity/ID,
 * #/deal/ID, #/article/ID?hl=start-end, #/paste. Plain links and form
 * controls, so it is usable by keyboard; one column on a narrow screen. Every
 * value that may be null is drawn through one helper that says so in words.
 */
export const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>dealgraph</title><link rel="icon" href="data:,">
<script src="/assets/market.js" defer></script>
<style>
:root{--fg:#1d2433;--mute:#5b6577;--line:#d9dee7;--acc:#1f5fbf;--hl:#fff1a8;--bg:#fafbfc}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{display:flex;gap:1rem;align-items:center;flex-wrap:wrap;padding:.75rem 1rem;border-bottom:1px solid var(--line);background:#fff;position:sticky;top:0;z-index:5}
header a.home{font-weight:700;color:var(--fg);text-decoration:none;font-size:1.2rem}
h1,h2,main,[id]{scroll-margin-top:7rem}
.search{position:relative;flex:1;min-width:14rem;max-width:36rem}
.search input{width:100%;padding:.5rem .75rem;font-size:1rem;border:1px solid var(--line);border-radius:6px}
.search ul{position:absolute;left:0;right:0;margin:0;padding:0;list-style:none;background:#fff;border:1px solid var(--line);border-radius:6px;z-index:6}
.search li a{display:block;padding:.4rem .75rem;color:var(--fg);text-decoration:none}.search li a:focus,.search li a:hover{background:#eef3fb;outline:none}
#tokf{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap;width:100%;padding:.5rem;background:#fff8e1;border:1px solid #f0d98a;border-radius:6px}#tokf[hidden]{display:none}
main{max-width:64rem;margin:0 auto;padding:1rem}main:focus{outline:none}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1.5rem 0 .4rem;border-bottom:1px solid var(--line)}
.mute{color:var(--mute)}a{color:var(--acc)}a:focus{outline:2px solid var(--acc);outline-offset:2px}
ol.items,ul.items{padding-left:1.2rem}li{margin:.25rem 0}
.status{display:inline-block;padding:0 .4rem;border-radius:4px;background:#e8eef8;font-size:.85rem;white-space:nowrap}
.st-failed,.st-ended,.st-denied{background:#fbe3e3}.st-completed,.st-active{background:#e1f3e5}.st-agreed{background:#e6f0ff}.st-in_talks,.st-rumored{background:#fff4d6}
mark{background:var(--hl);padding:0 .1rem}mark.ev{background:#d6ecff}mark.hl{background:#ffd54a;outline:1px solid #e0a800}blockquote{margin:.3rem 0 .8rem;padding:.3rem .8rem;border-left:3px solid var(--line);background:#fff}
pre.article{white-space:pre-wrap;font:inherit;background:#fff;padding:1rem;border:1px solid var(--line);border-radius:6px}
.ORG{background:#e3edff}.PER{background:#e8f7e4}.LOC{background:#f6e8ff}.MISC{background:#f0f0f0}
a.ent{color:inherit;text-decoration:underline dotted}
.legend{display:flex;flex-wrap:wrap;gap:.4rem 1rem;font-size:.9rem;margin:.5rem 0;padding:0;list-style:none}.legend li{margin:0}.legend .sw{padding:0 .35rem;border-radius:3px}
table.list{border-collapse:collapse;width:100%;background:#fff}table.list th,table.list td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
table.list th{font-size:.85rem;color:var(--mute);font-weight:600}
.counts{display:flex;flex-wrap:wrap;gap:.75rem;margin:.5rem 0;padding:0;list-style:none}.counts li{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.5rem .9rem;margin:0}
.counts b{display:block;font-size:1.4rem}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;background:#fff;border:1px solid var(--line);border-radius:6px;padding:.6rem}
form.filters label{display:flex;flex-direction:column;font-size:.85rem;color:var(--mute)}
form.filters input,form.filters select,#tokf input{font:inherit;padding:.3rem .4rem;border:1px solid var(--line);border-radius:4px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:.2rem 0 .6rem}dl.facts dt{color:var(--mute)}dl.facts dd{margin:0}
.pager{display:flex;gap:1rem;align-items:center;margin:.6rem 0}
textarea{width:100%;min-height:12rem;font:inherit;padding:.5rem;border:1px solid var(--line);border-radius:6px}
button{font:inherit;padding:.45rem 1rem;border:1px solid var(--acc);background:var(--acc);color:#fff;border-radius:6px;cursor:pointer}button.plain{background:#fff;color:var(--acc)}
.err{color:#a11}
@media (max-width:600px){header{padding:.5rem}main{padding:.6rem}h1{font-size:1.25rem}table.list th:nth-child(3),table.list td:nth-child(3){display:none}}
</style></head>
<body>
<header><a class="home" href="#/">dealgraph</a>
<div class="search" role="search"><label class="mute" for="q" hidden>Search companies and people</label>
<input id="q" type="search" placeholder="Search a company or person…" autocomplete="off" aria-autocomplete="list" aria-controls="sugg">
<ul id="sugg" role="listbox" hidden></ul></div>
<a href="#/deals">Deals</a> <a href="#/paste">Paste an article</a> <button id="tokb" class="plain" type="button" aria-controls="tokf">Access token</button>
<form id="tokf" hidden><span id="tokmsg" class="mute">This server may need an access token (serve --token).</span>
<label for="tok">Token</label> <input id="tok" type="password" autocomplete="off">
<label><input id="tokkeep" type="checkbox"> remember on this computer</label>
<button>Use</button> <button id="tokclear" class="plain" type="button">Forget</button></form></header>
<main id="main" tabindex="-1"><p class="mute">Loading…</p></main>
<script>
const $ = (s) => document.querySelector(s);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'})[c]);
const main = $('#main');
const TOKEN_KEY = 'dealgraph-token';
// The token is kept for this tab (sessionStorage), or on this computer when asked (localStorage), and sent as Authorization: Bearer.
const token = () => sessionStorage.getItem(TOKEN_KEY) || localStorage.getItem(TOKEN_KEY);
function showToken(msg) { $('#tokf').hidden = false; if (msg) $('#tokmsg').textContent = msg; $('#tok').focus(); }
async function api(path, opts = {}) {
  const t = token();
  const headers = Object.assign({}, opts.headers, t ? { authorization: 'Bearer ' + t } : {});
  const r = await fetch('/api/' + path, Object.assign({}, opts, { headers }));
  const body = await r.json().catch(() => ({ error: 'bad response' }));
  if (r.status === 401) showToken(t ? 'The server refused this token: enter the one it was started with.' : 'This server needs an access token: enter the one it was started with (serve --token).');
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}
$('#tokb').addEventListener('click', () => { if ($('#tokf').hidden) showToken(); else $('#tokf').hidden = true; });
$('#tokf').addEventListener('submit', (e) => {
  e.preventDefault();
  const v = $('#tok').value.trim();
  sessionStorage.removeItem(TOKEN_KEY); localStorage.removeItem(TOKEN_KEY);
  if (v) ($('#tokkeep').checked ? localStorage : sessionStorage).setItem(TOKEN_KEY, v);
  $('#tok').value = '';
  $('#tokf').hidden = true;
  route();
});
$('#tokclear').addEventListener('click', () => { sessionStorage.removeItem(TOKEN_KEY); localStorage.removeItem(TOKEN_KEY); $('#tok').value = ''; $('#tokmsg').textContent = 'Token forgotten.'; });

// Words for values: statuses, fact types, fact fields, roles.
const STATUS = { rumored: 'rumoured', in_talks: 'in talks', agreed: 'agreed', completed: 'completed', active: 'active', failed: 'failed', ended: 'ended', denied: 'denied' };
const TYPES = { partnership: 'Partnership', merger: 'Merger', acquisition: 'Acquisition', asset_sale: 'Asset sale', asset_purchase: 'Asset purchase', stake: 'Stake',
  subsidiary: 'Subsidiary', role: 'Role', financial_result: 'Financial result', stock_move: 'Stock move', quote: 'Quote', layoff: 'Job cuts', plant_closure: 'Plant closure',
  cost_cut: 'Cost cut', dividend: 'Dividend', rating: 'Rating', financing: 'Financing', legal_action: 'Legal action', product_launch: 'Product launch', facility_opening: 'Facility opening' };
const FIELDS = { parties: 'Parties', acquirer: 'Buyer', target: 'Target', seller: 'Seller', buyer: 'Buyer', value: 'Value', percent: 'Percent', holder: 'Holder',
  company: 'Company', kind: 'Kind of stake', parent: 'Parent', child: 'Subsidiary', person: 'Person', title: 'Title', title_text: 'Title as written', org: 'Organisation',
  metric: 'Measure', amount: 'Amount', alt_amount: 'Also stated as', period: 'Period', segment: 'Segment', direction: 'Direction', speaker: 'Speaker', text: 'In the text',
  asset: 'Asset', location: 'Place', count: 'Jobs', plant: 'Plant', change: 'Change', by: 'By', action: 'Action', financer: 'Lender or investor',
  defendant: 'Defendant', complainant: 'Complainant', product: 'Product', facility: 'Facility' };
const ROLES = { acquirer: 'buyer', bidder: 'bidder', buyer: 'buyer', target: 'target', seller: 'seller', party: 'party' };
const MODALITY = { asserted: 'stated as fact', reported: 'reported', speculative: 'speculative' };
const words = (k, table) => table[k] || String(k ?? '').replace(/_/g, ' ');
const typeName = (t) => words(t, TYPES);
const status = (s, negated) => negated ? '<span class="status st-denied">denied</span>' : s ? '<span class="status st-' + esc(s) + '">' + esc(words(s, STATUS)) + '</span>' : '';
const day = (d) => d ? esc(d) : '<span class="mute">undated</span>';
const entLink = (id, name) => '<a href="#/entity/' + id + '">' + esc(name) + '</a>';
// A source as its title, date and a link.
const source = (s, hl) => '<a href="#/article/' + s.article + (hl ? '?hl=' + hl : '') + '">' + esc(s.title || 'Article ' + s.article) + '</a>' + (s.published ? ' <span class="mute">' + esc(s.published) + '</span>' : '');
const sources = (srcs) => { const list = srcs || []; return list.slice(0, 3).map((s) => source(s)).join('; ') + (list.length > 3 ? ' <span class="mute">and ' + (list.length - 3) + ' more</span>' : ''); };

/** Who does what to whom: "Chrysler Corp acquires American Motors Corp (from …)". Names are links unless plain. */
function direction(d, plain) {
  const ps = d.parties || [];
  const n = (p) => plain ? esc(p.name) : entLink(p.entity, p.name);
  const by = (...roles) => ps.filter((p) => roles.includes(p.role)).map(n).join(' and ');
  const buyer = by('acquirer', 'bidder', 'buyer'), target = by('target'), seller = by('seller');
  const others = ps.filter((p) => !['acquirer', 'bidder', 'buyer', 'target', 'seller'].includes(p.role)).map(n).join(' + ');
  if (d.type === 'acquisition') return (buyer || '<span class="mute">an unnamed buyer</span>') + ' → acquires → ' + (target || '<span class="mute">an unnamed target</span>') + (seller ? ' from ' + seller : '');
  if (d.type === 'asset_sale') return (seller || '<span class="mute">an unnamed seller</span>') + ' → sells assets' + (buyer ? ' to → ' + buyer : '');
  if (d.type === 'asset_purchase') return (buyer || '<span class="mute">an unnamed buyer</span>') + ' → buys assets' + (seller ? ' from ← ' + seller : '');
  return [buyer, target, seller, others].filter(Boolean).join(' + ');
}
function dealRows(items) {
  if (!items.length) return '<p class="mute">no deals</p>';
  return '<table class="list"><thead><tr><th>Seen</th><th>Deal</th><th>Type</th><th>Status</th></tr></thead><tbody>' + items.map((d) =>
    '<tr><td>' + day(d.firstSeen) + (d.lastSeen && d.lastSeen !== d.firstSeen ? ' – ' + esc(d.lastSeen) : '') + '</td><td>' + direction(d) + ' <a class="open" href="#/deal/' + d.id + '">details</a></td><td>' + esc(typeName(d.type)) + '</td><td>' + status(d.status) + '</td></tr>').join('') + '</tbody></table>';
}
function articleRows(items) {
  if (!items.length) return '<p class="mute">no articles</p>';
  return '<ul class="items arts">' + items.map((a) => '<li>' + source({ article: a.id, title: a.title, published: a.published }) + (a.nearDupOf ? ' <span class="mute">(a copy)</span>' : '') + '</li>').join('') + '</ul>';
}

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
    $('#sugg').innerHTML = r.items.map((e) => '<li role="option"><a href="#/entity/' + e.id + '">' + esc(e.name) + ' <span class="mute">' + esc(e.type) + ' · ' + e.articles + ' articles</span></a></li>').join('');
    $('#sugg').hidden = r.items.length === 0;
  } catch { hideSugg(); }
}

async function showStart() {
  const [s, deals, arts] = await Promise.all([api('stats'), api('deals?limit=10'), api('articles?limit=10')]);
  const c = s.counts;
  const count = (n, what, href) => '<li>' + (href ? '<a href="' + href + '">' : '') + '<b>' + n.toLocaleString('en') + '</b>' + what + (href ? '</a>' : '') + '</li>';
  const byStatus = Object.entries(s.dealsByStatus).sort((a, b) => b[1] - a[1]).map(([k, n]) => k === 'none' ? '<span class="mute">no status: ' + n + '</span>' : '<a href="#/deals?status=' + esc(k) + '">' + status(k) + ' ' + n + '</a>').join(' ');
  main.innerHTML = '<h1>dealgraph</h1><p class="mute">Companies, people and their deals, from business news; every item links to the sentence that says so. Search a name above, or browse the deals.</p>' +
    '<ul class="counts">' + count(c.articles, ' articles') + count(c.entities, ' companies, people and places') + count(c.facts, ' facts') + count(c.deals, ' deals', '#/deals') + '</ul>' +
    (byStatus ? '<p>Deals now: ' + byStatus + '</p>' : '') +
    '<h2>Latest deals</h2>' + dealRows(deals.items) + (deals.total > deals.items.length ? '<p><a href="#/deals">All ' + deals.total.toLocaleString('en') + ' deals</a></p>' : '') +
    '<h2>Latest articles</h2>' + articleRows(arts.items) + (c.articles === 0 ? '<p class="mute">Nothing ingested yet: run <code>dealgraph ingest FILE…</code>, or paste an article.</p>' : '');
}

const DEAL_TYPES = ['partnership', 'merger', 'acquisition', 'asset_sale', 'asset_purchase'];
const STATUSES = ['rumored', 'in_talks', 'agreed', 'completed', 'active', 'failed', 'ended', 'denied'];
async function showDeals(query) {
  const f = new URLSearchParams(query);
  const limit = 20, offset = Math.max(0, Number(f.get('offset')) || 0);
  const q = new URLSearchParams();
  for (const k of ['type', 'status', 'from', 'to', 'party']) if (f.get(k)) q.set(k, f.get(k));
  const opt = (list, sel, label) => '<option value="">any</option>' + list.map((v) => '<option value="' + v + '"' + (v === sel ? ' selected' : '') + '>' + esc(label(v)) + '</option>').join('');
  const form = '<form class="filters" id="dealsf"><label>Type <select name="type">' + opt(DEAL_TYPES, f.get('type'), typeName) + '</select></label>' +
    '<label>Status <select name="status">' + opt(STATUSES, f.get('status'), (s) => words(s, STATUS)) + '</select></label>' +
    '<label>Seen from <input type="date" name="from" value="' + esc(f.get('from')) + '"></label><label>to <input type="date" name="to" value="' + esc(f.get('to')) + '"></label>' +
    '<label>Party <input name="party" placeholder="company or person" value="' + esc(f.get('party')) + '"></label><button>Show</button> <a href="#/deals">clear</a></form>';
  main.innerHTML = '<h1>Deals</h1>' + form + '<div id="dlist"><p class="mute">Loading…</p></div>';
  $('#dealsf').addEventListener('submit', (e) => {
    e.preventDefault();
    const p = new URLSearchParams();
    for (const [k, v] of new FormData(e.target)) if (String(v).trim()) p.set(k, String(v).trim());
    location.hash = '#/deals' + (String(p) ? '?' + p : '');
  });
  let r;
  try { r = await api('deals?limit=' + limit + '&offset=' + offset + (String(q) ? '&' + q : '')); }
  catch (e) { $('#dlist').innerHTML = '<p class="err">' + esc(e.message) + '</p>'; return; }
  const at = (o) => '#/deals?' + new URLSearchParams([...q, ['offset', String(o)]]);
  $('#dlist').innerHTML = '<p class="pager" id="dcount">' + (r.total ? 'Deals ' + (offset + 1) + '–' + (offset + r.items.length) + ' of ' + r.total.toLocaleString('en') : 'No deal matches') + '</p>' + dealRows(r.items) +
    '<p class="pager">' + (offset > 0 ? '<a href="' + at(Math.max(0, offset - limit)) + '">← previous</a>' : '') + (r.next !== null ? '<a id="dnext" href="' + at(offset + limit) + '">next →</a>' : '') + '</p>';
}

async function showEntity(id) {
  const p = await api('entities/' + id);
  const list = (items, f) => items.length ? '<ul class="items">' + items.map(f).join('') + '</ul>' : '<p class="mute">none found</p>';
  const item = (i) => '<li>' + (i.date ? '<span class="mute">' + esc(i.date) + '</span> ' : '') + esc(i.text) + ' ' + status(i.status, i.negated) + ' — ' + sources(i.sources) + '</li>';
  const event = (e) => '<li>' + (e.date ? '<span class="mute">' + esc(e.date) + '</span> ' : '') + '<strong>' + esc(e.type + (e.subtype ? '/' + e.subtype : '')) + '</strong> ' + esc(e.text) + (e.negated ? ' <em>(negated)</em>' : '') + ' — ' + sources(e.sources) + '</li>';
  // Sections with something in them; the empty ones named on one line.
  const parts = [['Roles', p.roles, item], ['Stakes', p.stakes, item], ['Subsidiaries', p.subsidiaries, item], ['Financial results', p.financials, item],
    ['Stock moves', p.stockMoves, item], ['Quotes', p.quotes, item], ['Events', p.events || [], event]];
  const empty = parts.filter(([, xs]) => !xs.length).map(([h]) => h.toLowerCase());
  const sections = parts.filter(([, xs]) => xs.length).map(([h, xs, f]) => '<h2>' + h + '</h2>' + list(xs, f)).join('') + (empty.length ? '<p class="mute">No ' + empty.join(', ') + ' found.</p>' : '');
  main.innerHTML = '<h1 id="name">' + esc(p.entity.name) + '</h1><p class="mute">' + esc(p.entity.type) + ' · in ' + p.entity.articles + ' articles' +
    (p.entity.aliases.length ? ' · also: ' + esc(p.entity.aliases.slice(0, 15).join(', ')) : '') + '</p>' +
    '<h2>Deals</h2>' + dealRows(p.deals) + (p.deals.length ? '<p><a href="#/deals?party=' + p.entity.id + '">All its deals</a></p>' : '') +
    sections +
    '<h2 id="arts-h">Articles</h2><div id="arts"></div>' +
    '<h2>Neighbourhood</h2><div id="graph" role="img" aria-label="companies linked to ' + esc(p.entity.name) + ' by deals, stakes and subsidiaries" style="height:340px;border:1px solid var(--line);border-radius:6px;background:#fff"></div><div id="graphlist"></div>' +
    '<h2>Connections</h2><p><label>How is it connected to <input id="pathq" placeholder="another company"></label> <button id="pathb">Find</button></p><div id="paths"></div>';
  entityArticles(id, 0);
  drawGraph(id);
  if (window.dealgraphMarket) window.dealgraphMarket.entity(id, api, esc, main);
  $('#pathb').onclick = async () => {
    try {
      const r = await api('path?a=' + id + '&b=' + encodeURIComponent($('#pathq').value));
      $('#paths').innerHTML = r.paths.length ? '<ol class="items">' + r.paths.map((p) => '<li>' + p.map((n, k) => (k ? ' —' + esc(n.via) + '→ ' : '') + entLink(n.entity, n.name)).join('') + '</li>').join('') + '</ol>' : '<p class="mute">no connection within 4 steps</p>';
    } catch (e) { $('#paths').innerHTML = '<p class="err">' + esc(e.message) + '</p>'; }
  };
}
async function entityArticles(id, offset) {
  const box = $('#arts');
  if (!box) return;
  try {
    const r = await api('entities/' + id + '/articles?limit=20&offset=' + offset);
    if (!$('#arts')) return;
    box.innerHTML = '<p class="mute">' + (r.total ? (offset + 1) + '–' + (offset + r.items.length) + ' of ' + r.total + ', newest first' : 'none') + '</p>' + articleRows(r.items) +
      '<p class="pager">' + (offset > 0 ? '<button class="plain" id="artprev" type="button">← newer</button>' : '') + (r.next !== null ? '<button class="plain" id="artnext" type="button">older →</button>' : '') + '</p>';
    if ($('#artprev')) $('#artprev').onclick = () => entityArticles(id, Math.max(0, offset - 20));
    if ($('#artnext')) $('#artnext').onclick = () => entityArticles(id, offset + 20);
  } catch (e) { box.innerHTML = '<p class="err">' + esc(e.message) + '</p>'; }
}

let cyLoaded = null;
function loadCytoscape() {
  if (!cyLoaded) cyLoaded = new Promise((resolve) => { const sc = document.createElement('script'); sc.src = '/assets/cytoscape.min.js'; sc.onload = () => resolve(window.cytoscape); sc.onerror = () => resolve(null); document.head.appendChild(sc); });
  return cyLoaded;
}
async function drawGraph(id) {
  let g;
  try { g = await api('entities/' + id + '/graph?depth=2&max=40'); } catch (e) { if ($('#graphlist')) $('#graphlist').innerHTML = '<p class="err">' + esc(e.message) + '</p>'; return; }
  if (!$('#graphlist')) return;
  // The same links as a list, for keyboards and screen readers.
  const node = (x) => g.nodes.find((k) => k.id === x) || { id: x, name: '#' + x };
  $('#graphlist').innerHTML = g.edges.length ? '<ul class="items">' + g.edges.map((e) => '<li>' + entLink(e.source, node(e.source).name) + ' — ' + esc(typeName(e.type)) + ' — ' + entLink(e.target, node(e.target).name) + '</li>').join('') + '</ul>' : '<p class="mute">no deals, stakes or subsidiaries linked yet</p>';
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
  const d = t.deal;
  const parties = (d.parties || []).map((p) => '<li>' + entLink(p.entity, p.name) + ' <span class="mute">' + esc(words(p.role, ROLES)) + '</span></li>').join('');
  main.innerHTML = '<h1 id="name">' + esc(typeName(d.type)) + ': ' + direction(d, true) + '</h1>' +
    '<dl class="facts"><dt>Direction</dt><dd>' + direction(d) + '</dd><dt>Value</dt><dd>' + (t.value ? esc(t.value.text) : '<span class="mute">not stated</span>') + '</dd>' +
    '<dt>Now</dt><dd>' + (status(d.status) || '<span class="mute">no status stated</span>') + ' <span class="mute">as of ' + day(d.lastSeen) + '</span></dd>' +
    '<dt>Seen</dt><dd>' + day(d.firstSeen) + ' – ' + day(d.lastSeen) + ' in ' + d.facts + (d.facts === 1 ? ' report' : ' reports') + '</dd></dl>' +
    '<h2>Parties</h2><ul class="items">' + parties + '</ul><h2>Status history</h2><ol class="items steps">' +
    t.steps.map((s) => '<li>' + day(s.date) + (s.dateSource === 'text' ? ' <span class="mute">(date from the text)</span>' : '') + ' ' + status(s.status, s.negated) + ' <span class="mute">' + esc(words(s.modality, MODALITY)) + '</span> ' + esc(s.text) +
      (s.quote ? '<blockquote>…' + esc(s.quote.before) + '<mark>' + esc(s.quote.text) + '</mark>' + esc(s.quote.after) + '…</blockquote>' : '') +
      '<span class="src">Source: ' + (s.sources[0] ? source(s.sources[0], s.evidence[0] ? s.evidence[0].start + '-' + s.evidence[0].end : '') : '<span class="mute">none</span>') + '</span></li>').join('') + '</ol>' +
    ((t.rivals || []).length ? '<h2>Rival bids</h2><ul class="items">' + t.rivals.map((r) => '<li><a href="#/deal/' + r.id + '">' + esc((r.parties || []).map((p) => p.name + ' (' + words(p.role, ROLES) + ')').join(', ')) + '</a> ' + status(r.status) + ' <span class="mute">' + day(r.lastSeen) + '</span></li>').join('') + '</ul>' : '');
  if (window.dealgraphMarket) window.dealgraphMarket.deal(id, api, esc, main);
}

function highlighted(text, entities, facts, hl, events, links) {
  const marks = [];
  for (const e of entities || []) for (const m of e.mentions || []) marks.push({ s: m.start, e: m.end, cls: e.type, title: e.name, link: links ? links[e.id] : undefined });
  const spans = [];
  if (hl) spans.push({ s: hl[0], e: hl[1] });
  for (const f of facts || []) for (const ev of f.evidence || []) spans.push({ s: ev.start, e: ev.end, fact: f });
  for (const v of events || []) if (v && v.trigger) spans.push({ s: v.trigger.start, e: v.trigger.end, event: v });
  // Render: facts' evidence as <mark>, names as coloured spans (links to their entity) inside.
  const cuts = new Set([0, text.length]);
  for (const x of [...marks, ...spans]) { cuts.add(x.s); cuts.add(x.e); }
  const pts = [...cuts].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
  let out = '';
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i], b = pts[i + 1];
    let piece = esc(text.slice(a, b));
    const m = marks.find((x) => x.s <= a && x.e >= b);
    if (m) piece = m.link !== undefined ? '<a class="ent ' + m.cls + '" href="#/entity/' + m.link + '" title="' + esc(m.cls + ': ' + m.title) + '">' + piece + '</a>'
      : '<span class="' + m.cls + '" title="' + esc(m.cls + ': ' + m.title) + '">' + piece + '</span>';
    const sp = spans.find((x) => x.s <= a && x.e >= b);
    const inHl = hl && hl[0] <= a && hl[1] >= b;
    if (sp) piece = '<mark' + (inHl ? ' class="hl"' : sp.event ? ' class="ev"' : '') + (inHl && a === hl[0] ? ' id="hl"' : '') + (sp.fact ? ' title="' + esc(typeName(sp.fact.type) + (sp.fact.status ? ' · ' + words(sp.fact.status, STATUS) : '')) + '"' : sp.event ? ' title="' + esc('event ' + sp.event.type + (sp.event.subtype ? '/' + sp.event.subtype : '')) + '"' : '') + '>' + piece + '</mark>';
    out += piece;
  }
  return out;
}
function legend(hl) {
  return '<ul class="legend" aria-label="What the colours mean"><li><span class="sw ORG">Company</span></li><li><span class="sw PER">Person</span></li><li><span class="sw LOC">Place</span></li><li><span class="sw MISC">Other name</span></li>' +
    '<li><mark>sentence stating a fact</mark></li><li><mark class="ev">event found by the model</mark></li>' + (hl ? '<li><mark class="hl">the sentence you came from</mark></li>' : '') + '<li class="mute">names link to their page</li></ul>';
}
/** One argument of a fact in words; null and absent values say so. */
function argValue(k, v, name) {
  if (v === null || v === undefined) return '<span class="mute">' + (['acquirer', 'buyer', 'seller', 'target'].includes(k) ? 'not named' : 'not stated') + '</span>';
  if (Array.isArray(v)) return v.map((x) => argValue(k, x, name)).join(' + ');
  if (typeof v === 'object') return v.text ? esc(v.text) : v.value !== null && v.value !== undefined ? esc(v.value + (v.currency ? ' ' + v.currency : '')) : '<span class="mute">not stated</span>';
  if (k === 'percent') return esc(v) + '%';
  if (typeof v === 'string' && /^e\\d+$/.test(v)) return name(v);
  return esc(v);
}
function factList(x, links) {
  const facts = x.facts || [];
  if (!facts.length) return '<p class="mute">none found</p>';
  const byId = new Map((x.entities || []).map((e) => [e.id, e]));
  const name = (id) => { const e = byId.get(id); if (!e) return esc(id); return links && links[id] !== undefined ? entLink(links[id], e.name) : esc(e.name); };
  return '<ol class="items facts">' + facts.map((f) => '<li><strong>' + esc(typeName(f.type)) + '</strong> ' + status(f.status, f.negated) + ' <span class="mute">' + esc(words(f.modality, MODALITY)) + (f.time && f.time.text ? ' · ' + esc(f.time.text) : '') + '</span>' +
    '<dl class="facts">' + Object.entries(f.args || {}).map(([k, v]) => '<dt>' + esc(words(k, FIELDS)) + '</dt><dd>' + argValue(k, v, name) + '</dd>').join('') + '</dl></li>').join('') + '</ol>';
}
function eventList(x) {
  const evs = x.events || [];
  if (!evs.length) return '<p class="mute">none found</p>';
  return '<p class="mute">Found by the learnt event model; triggers are marked <mark class="ev">in blue</mark> in the text.</p><ol class="items">' + evs.map((v) => '<li><strong>' + esc(v.type + (v.subtype ? '/' + v.subtype : '')) + '</strong> “' + esc(v.trigger ? v.trigger.text : '') + '”' + (v.negated ? ' <em>(negated)</em>' : '') + ' <span class="mute">' + esc(words(v.modality, MODALITY)) + ' · confidence ' + esc(v.confidence) + '</span> ' +
    esc((v.args || []).map((a) => String(a.role).replace(/_/g, ' ') + ': ' + a.text).join('; ')) + '</li>').join('') + '</ol>';
}
async function showArticle(id, hl) {
  const a = await api('articles/' + id);
  const x = a.extraction || {};
  main.innerHTML = '<h1 id="name">' + esc(a.title || 'Article ' + a.id) + '</h1><p class="mute">' + (a.published ? esc(a.published) : 'no date') + ' · ' + esc(a.source) +
    (a.url ? ' · <a href="' + esc(a.url) + '" rel="noopener noreferrer">original</a>' : '') + (a.nearDupOf ? ' · a copy of <a href="#/article/' + a.nearDupOf + '">article ' + a.nearDupOf + '</a>' : '') + '</p>' +
    legend(hl) + '<pre class="article">' + highlighted(a.text, x.entities, x.facts, hl, x.events, a.links) + '</pre><h2>Facts</h2>' + factList(x, a.links) + '<h2>Events</h2>' + eventList(x);
}
function showPaste() {
  main.innerHTML = '<h1>Paste an article</h1><p><label for="txt">Text or HTML of a news article</label></p><textarea id="txt"></textarea><p><label>Published <input id="pub" type="date"></label> <button id="go">Extract</button></p><div id="out" aria-live="polite"></div>';
  $('#go').onclick = async () => {
    const v = $('#txt').value;
    const body = /^\\s*</.test(v) ? { html: v } : { text: v };
    if ($('#pub').value) body.published = $('#pub').value;
    try {
      const x = await api('extract', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      $('#out').innerHTML = '<h2>Facts</h2>' + factList(x) + '<h2>Events</h2>' + eventList(x) + (body.text ? '<h2>Text</h2>' + legend(null) + '<pre class="article">' + highlighted(body.text, x.entities, x.facts, null, x.events) + '</pre>' : '');
    } catch (e) { $('#out').innerHTML = '<p class="err">' + esc(e.message) + '</p>'; }
  };
}

async function route() {
  hideSugg();
  const [path, query] = location.hash.replace(/^#\\/?/, '').split('?');
  const [kind, rest] = path.split('/');
  const hl = new URLSearchParams(query || '').get('hl');
  try {
    if (kind === 'entity') await showEntity(Number(rest));
    else if (kind === 'deal') await showDeal(Number(rest));
    else if (kind === 'article') await showArticle(Number(rest), hl ? hl.split('-').map(Number) : null);
    else if (kind === 'deals') await showDeals(query || '');
    else if (kind === 'paste') showPaste();
    else await showStart();
  } catch (e) { main.innerHTML = '<p class="err">' + esc(e.message) + '</p>'; }
  // A new view starts at its top, its heading below the sticky header; a followed source starts at its sentence.
  main.focus({ preventScroll: true });
  const h = $('#hl');
  if (h) h.scrollIntoView({ block: 'center' }); else window.scrollTo(0, 0);
}
addEventListener('hashchange', route);
route();
</script></body></html>
`;
