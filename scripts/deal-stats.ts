/**
 * `node dist/scripts/deal-stats.js --db PATH`: how many deals a database holds,
 * how many of them have a headline status of each kind (the status the deal
 * list shows), by deal type, and how many acquisition deals are linked as
 * rivals (competing bids for one target). Used for issue 13's before/after
 * figures on a full Reuters-21578 ingest.
 */
import { openStore } from '../src/store/index.js';

const args = process.argv.slice(2);
const opt = (k: string, d: string) => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : d; };
const store = await openStore(opt('--db', 'dealgraph.db'));
try {
  const deals = await store.deals({});
  const byStatus = new Map<string, number>(), byType = new Map<string, number>();
  for (const d of deals) {
    const s = d.status ?? '(none)';
    byStatus.set(s, (byStatus.get(s) ?? 0) + 1);
    byType.set(d.type, (byType.get(d.type) ?? 0) + 1);
  }
  const c = await store.counts();
  console.log(`${c.articles} articles, ${c.entities} entities, ${c.facts} facts; ${c.deals} deals stored, ${deals.length} with a fact outside near-duplicates`);
  const show = (label: string, m: Map<string, number>) => console.log(`${label}: ${[...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  show('status', byStatus);
  show('type', byType);
  const rivals = deals.filter((d) => (d as { rivals?: unknown[] }).rivals?.length);
  console.log(`deals with a rival bid linked: ${rivals.length}`);
} finally {
  await store.close();
}
