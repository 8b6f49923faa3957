/**
 * `node dist/scripts/merge-sample.js --db PATH [--n 50]`: how many canonical
 * companies the Reuters-21578 acquisition (TOPICS acq) articles produce, and a
 * deterministic random sample of cross-article entity merges to check by hand
 * (each with the two names and the articles' titles).
 */
import Database from 'better-sqlite3';
import { readReutersFile } from '../src/ingest/reuters.js';
import { reutersFiles } from '../src/ingest/corpora.js';

const args = process.argv.slice(2);
const opt = (k: string, d: string) => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : d; };
const db = new Database(opt('--db', 'dealgraph.db'), { readonly: true });
const n = Number(opt('--n', '50'));

const acq = new Set<string>();
for (const f of reutersFiles()) for (const a of readReutersFile(f).articles) if (a.topics.includes('acq')) acq.add(`reuters-${a.newid}`);
const ids = (db.prepare('SELECT id, ext_id FROM articles').all() as { id: number; ext_id: string }[]).filter((r) => acq.has(r.ext_id)).map((r) => r.id);
const orgs = new Set<number>();
const mentions = db.prepare(`SELECT m.entity_id FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? AND e.type = 'ORG' AND e.merged_into IS NULL`);
for (const id of ids) for (const r of mentions.all(id) as { entity_id: number }[]) orgs.add(r.entity_id);
console.log(`acquisition articles stored: ${ids.length}; canonical companies (ORG entities) mentioned in them: ${orgs.size}`);

// Cross-article merges: an alias joined an entity first seen in another article.
const merges = db.prepare(`SELECT m.id, m.entity_id, m.article_id, m.alias, m.reason, e.name FROM merges m JOIN entities e ON e.id = m.entity_id
  WHERE m.reason LIKE 'same % name as in an earlier article%' AND e.type = 'ORG' ORDER BY m.id`).all() as { id: number; entity_id: number; article_id: number; alias: string; reason: string; name: string }[];
console.log(`cross-article ORG merges recorded: ${merges.length}`);
let seed = 42;
const rnd = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 4294967296; };
const sample = [...merges].sort(() => 0).filter(() => true);
for (let i = sample.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [sample[i], sample[j]] = [sample[j], sample[i]]; }
const title = db.prepare('SELECT title FROM articles WHERE id = ?');
const first = db.prepare('SELECT min(article_id) a FROM mentions WHERE entity_id = ?');
for (const m of sample.slice(0, n)) {
  const f = (first.get(m.entity_id) as { a: number }).a;
  console.log(`#${m.entity_id} "${m.name}" <= "${m.alias}" | first: ${(title.get(f) as { title: string } | undefined)?.title ?? ''} | this: ${(title.get(m.article_id) as { title: string } | undefined)?.title ?? ''}`);
}
