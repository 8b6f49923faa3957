/**
 * The page's market views, as a script of their own (/assets/market.js) so
 * the page keeps one small hook in each view: the entity view shows the stock
 * against its index (uPlot, served from node_modules), its dated facts and
 * events marked on the timeline with the abnormal return of each; a deal's
 * view shows the CAR of each step for each party with prices.
 * `api` and `esc` are the page's own helpers, passed in.
 */
export const MARKET_JS = String.raw`(() => {
  const fmt = (x) => (x >= 0 ? '+' : '') + (100 * x).toFixed(2) + '%';
  let uplot = null;
  function loadUplot() {
    if (!uplot) uplot = new Promise((resolve) => {
      const css = document.createElement('link'); css.rel = 'stylesheet'; css.href = '/assets/uplot.min.css'; document.head.appendChild(css);
      const sc = document.createElement('script'); sc.src = '/assets/uplot.min.js'; sc.onload = () => resolve(window.uPlot); sc.onerror = () => resolve(null); document.head.appendChild(sc);
    });
    return uplot;
  }
  const day = (d) => Date.parse(d + 'T00:00:00Z') / 1000;
  async function entity(id, api, esc, main) {
    const sec = document.createElement('section');
    sec.id = 'market';
    // Before the neighbourhood graph (or at the end when the view has none).
    const h = [...main.querySelectorAll('h2')].find((x) => x.textContent === 'Neighbourhood');
    main.insertBefore(sec, h || null);
    let p;
    try { p = await api('entities/' + id + '/prices'); } catch (e) { sec.innerHTML = '<h2>Stock</h2><p class="err">' + esc(e.message) + '</p>'; return; }
    if (!p.series) { sec.innerHTML = '<h2>Stock</h2><p class="mute">' + esc(p.reason) + '</p>'; return; }
    const w = '(' + p.window.join(',') + ')';
    sec.innerHTML = '<h2>Stock: ' + esc(p.symbol) + ' against ' + esc(p.index) + '</h2>' +
      '<p class="mute">Both rebased to 100 on ' + esc(p.series.dates[0]) + '; dashed lines mark the dates of its facts and events. Linked: ' +
      esc(p.links.slice(0, 3).map((l) => l.symbol + ' (' + l.reason + ')').join('; ')) + (p.links.length > 3 ? '; …' : '') + '</p>' +
      '<div id="mchart" role="img" aria-label="' + esc(p.symbol + ' against ' + p.index) + '"></div>' +
      '<h3>Abnormal returns (market model)</h3>' + (p.events.length ? '<table class="mtab"><thead><tr><th>article</th><th>event day</th><th>AR(0)</th><th>CAR' + esc(w) + '</th><th>t</th><th>what</th></tr></thead><tbody>' +
      p.events.map((e) => '<tr><td>' + esc(e.date) + '</td><td>' + esc(e.eventDate) + '</td>' + (e.reason ? '<td colspan="3" class="mute">' + esc(e.reason) + '</td>' :
        '<td>' + fmt(e.ar) + '</td><td>' + fmt(e.car) + '</td><td>' + e.carT.toFixed(2) + '</td>') +
        '<td>' + e.items.slice(0, 4).map((i) => '<a href="#/article/' + i.article + '">' + esc(i.type) + '</a> ' + esc(i.text)).join('<br>') + (e.items.length > 4 ? '<br><span class="mute">+' + (e.items.length - 4) + ' more</span>' : '') + '</td></tr>').join('') +
      '</tbody></table>' : '<p class="mute">no dated facts or events within the price history</p>');
    const U = await loadUplot();
    const el = document.getElementById('mchart');
    if (!U || !el) return;
    const s0 = p.series.close[0], m0 = p.series.index[0];
    const xs = p.series.dates.map(day), marks = p.events.map((e) => day(e.eventDate));
    const data = [xs, p.series.close.map((c) => 100 * c / s0), p.series.index.map((c) => 100 * c / m0)];
    new U({
      width: Math.max(280, el.clientWidth || 600), height: 300,
      series: [{}, { label: p.symbol, stroke: '#1f5fbf', width: 1.5 }, { label: p.index, stroke: '#9aa3b2', width: 1 }],
      axes: [{}, { label: 'rebased to 100' }],
      hooks: { draw: [(u) => {
        const ctx = u.ctx; ctx.save(); ctx.strokeStyle = '#d9822b'; ctx.setLineDash([4, 3]); ctx.lineWidth = 1;
        for (const x of marks) { const px = u.valToPos(x, 'x', true); if (px < u.bbox.left || px > u.bbox.left + u.bbox.width) continue; ctx.beginPath(); ctx.moveTo(px, u.bbox.top); ctx.lineTo(px, u.bbox.top + u.bbox.height); ctx.stroke(); }
        ctx.restore();
      }] },
    }, data, el);
  }
  async function deal(id, api, esc, main) {
    const sec = document.createElement('section');
    sec.id = 'market';
    main.appendChild(sec);
    let s;
    try { s = await api('deals/' + id + '/study'); } catch (e) { sec.innerHTML = '<h2>Market reaction</h2><p class="err">' + esc(e.message) + '</p>'; return; }
    const rows = s.steps.flatMap((st) => st.parties.map((pt) => ({ st, pt })));
    const priced = rows.filter((r) => r.pt.symbol);
    sec.innerHTML = '<h2>Market reaction</h2><p class="mute">CAR(' + s.window.join(',') + ') of each step for each party with prices, ' + esc(s.model) + ' model against ' + esc(s.index) + '.</p>' +
      (priced.length ? '<table class="mtab"><thead><tr><th>step</th><th>status</th><th>party</th><th>role</th><th>symbol</th><th>AR(0)</th><th>CAR</th><th>t</th></tr></thead><tbody>' +
        priced.map(({ st, pt }) => '<tr><td>' + esc(st.date || '') + '</td><td>' + esc(st.status || '') + '</td><td><a href="#/entity/' + pt.entity + '">' + esc(pt.name) + '</a></td><td>' + esc(pt.role) + '</td><td>' + esc(pt.symbol) + '</td>' +
          (pt.study ? '<td>' + fmt(pt.study.ar) + '</td><td>' + fmt(pt.study.car) + '</td><td>' + pt.study.t.toFixed(2) + '</td>' : '<td colspan="3" class="mute">' + esc(pt.reason || '') + '</td>') + '</tr>').join('') + '</tbody></table>'
        : '<p class="mute">no party of this deal has a linked symbol with closes</p>');
  }
  const style = document.createElement('style');
  style.textContent = 'table.mtab{border-collapse:collapse;width:100%;font-size:.9rem;background:#fff}table.mtab th,table.mtab td{border-bottom:1px solid var(--line);padding:.25rem .4rem;text-align:left;vertical-align:top}#mchart{background:#fff;border:1px solid var(--line);border-radius:6px;overflow:hidden}';
  document.head.appendChild(style);
  window.dealgraphMarket = { entity, deal };
})();
`;
