/**
 * Commands over the knowledge graph: ingest, query, entity corrections, export.
 * Every query prints a readable table by default and takes --format json|csv.
 */
import { parseArgs } from 'node:util';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DealgraphError } from '../errors.js';
import { openStore, DEFAULT_DB } from '../store/index.js';
import { shownUrl } from '../store/postgres.js';
import { ingestQueued } from './queue-commands.js';
import type { EntityRow, Store } from '../store/types.js';
import { ingestPathsPooled } from '../pipeline.js';
import { dealTimeline, entityProfile, eventsOf, findEntityByName, matchEntityByName, namesOf, shortestPaths, toItem } from '../graph/query.js';
import type { Io } from './main.js';
import { ExtractPool, deadlineMs } from '../extract/pool.js';
import { checkToken, isLoopback } from '../serve/guard.js';

type Format = 'table' | 'json' | 'csv';
const RE_DATE = /^\d{4}-\d{2}-\d{2}$/;

function fmt(v: string | undefined): Format {
  if (v === undefined) return 'table';
  if (v !== 'table' && v !== 'json' && v !== 'csv') throw new DealgraphError(`--format: expected table, json or csv, found ${JSON.stringify(v)}`);
  return v;
}
function date(name: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  // Date.parse rolls impossible days over (2020-02-31 is 2 March): the date must read back as written.
  const t = Date.parse(v + 'T00:00:00Z');
  if (!RE_DATE.test(v) || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== v) throw new DealgraphError(`${name}: expected a date as YYYY-MM-DD, found ${JSON.stringify(v)}`);
  return v;
}

/** The width tables fit: the terminal's, else $COLUMNS, else 120. */
export const tableWidth = (): number => process.stdout.columns || Number(process.env.COLUMNS) || 120;

/**
 * Text broken into lines of at most `width` characters, between words; a
 * word longer than a line (a path, a URL) is broken after a / - , or _ where
 * it has one, else at the width.
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (let word of text.split(' ')) {
    while (word.length > width) {
      if (cur) { lines.push(cur); cur = ''; }
      const cut = Math.max(...['/', '-', ',', '_'].map((c) => word.lastIndexOf(c, width - 1))) + 1 || width;
      lines.push(word.slice(0, cut));
      word = word.slice(cut);
    }
    if (!cur) cur = word;
    else if (cur.length + 1 + word.length <= width) cur += ' ' + word;
    else { lines.push(cur); cur = word; }
  }
  lines.push(cur);
  return lines;
}

/** A plain-text table that fits `width`: the widest columns are narrowed and their cells wrap onto more lines, never cut. */
export function table(rows: Record<string, unknown>[], cols: string[], width = tableWidth()): string {
  if (rows.length === 0) return '(none)\n';
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)).replace(/\s+/g, ' ').trim();
  const cells = rows.map((r) => cols.map((c) => cell(r[c])));
  const w = cols.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const floor = cols.map((c) => Math.max(c.length, 10));
  const room = width - 2 * (cols.length - 1);
  for (let total = w.reduce((a, b) => a + b, 0); total > room; total--) {
    let i = -1;
    for (let k = 0; k < w.length; k++) if (w[k] > floor[k] && (i < 0 || w[k] > w[i])) i = k;
    if (i < 0) break; // every column at its narrowest: the table is wider than the screen
    w[i]--;
  }
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(w[i])).join('  ').trimEnd();
  const out = [line(cols), line(w.map((n) => '-'.repeat(n)))];
  for (const r of cells) {
    const parts = r.map((v, i) => wrap(v, w[i]));
    const height = Math.max(...parts.map((p) => p.length));
    for (let k = 0; k < height; k++) out.push(line(parts.map((p) => p[k] ?? '')));
  }
  return out.join('\n') + '\n';
}

/** How much of a list is shown: "50 of 462 deals (use --limit N / --all)"; nothing when all of it is. */
export function shownOf(shown: number, total: number | null, what: string): string {
  if (total !== null && shown >= total) return '';
  return `${shown} of ${total ?? 'more'} ${what} (use --limit N / --all)\n`;
}

export function csv(rows: Record<string, unknown>[], cols: string[]): string {
  const esc = (v: unknown) => { const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v); return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; };
  return [cols.join(','), ...rows.map((r) => cols.map((c) => esc(r[c])).join(','))].join('\n') + '\n';
}

function print(io: Io, f: Format, rows: Record<string, unknown>[], cols: string[], json: unknown = rows): void {
  if (f === 'json') io.out(JSON.stringify(json, null, 2) + '\n');
  else if (f === 'csv') io.out(csv(rows, cols));
  else io.out(table(rows, cols));
}

export async function withStore<T>(db: string | undefined, fn: (s: Store) => Promise<T>, opts: { check?: boolean } = {}): Promise<T> {
  const s = await openStore(db ?? DEFAULT_DB, opts);
  try { return await fn(s); } finally { await s.close(); }
}

/**
 * The entity a NAME means, saying on standard error what it was taken for
 * when the match is not sure: not the name (or an alias) in full, or another
 * candidate is better known. The alternatives are offered with their ids.
 */
export async function pickEntity(store: Store, name: string, io: Io): Promise<EntityRow> {
  const m = await matchEntityByName(store, name);
  const better = m.alternatives.some((x) => x.articles > m.entity.articles);
  if (!m.exact || better) {
    const d = (e: EntityRow) => `${e.name} (#${e.id}, ${e.type}, ${e.articles} article${e.articles === 1 ? '' : 's'})`;
    io.err(`dealgraph: ${JSON.stringify(name)}: took ${d(m.entity)}${m.exact ? '' : ', a partial match'}` +
      (m.alternatives.length ? `; did you mean ${m.alternatives.map(d).join(', ')}? Give the full name or #ID.` : '') + '\n');
  }
  return m.entity;
}

const srcText = (sources: { article: number; published: string | null }[]) => sources.map((s) => `#${s.article}${s.published ? ' ' + s.published : ''}`).join(', ');

/** Files under the inputs (for the progress bar; standard input counts as one). */
function countFiles(paths: string[]): number {
  let n = 0;
  const walk = (p: string) => {
    if (p === '-') { n++; return; }
    try {
      const st = statSync(p);
      if (st.isDirectory()) { for (const c of readdirSync(p)) if (!c.startsWith('.') && c !== 'node_modules') walk(join(p, c)); }
      else n++;
    } catch { n++; }
  };
  for (const p of paths) walk(p);
  return n;
}
const seenFiles = new Set<string>();
function filesSeen(source: string): number {
  seenFiles.add(source.replace(/#[^#/]*$/, ''));
  return Math.max(0, seenFiles.size - 1); // the file being read is not done yet
}

export async function ingestCmd(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { db: { type: 'string' }, date: { type: 'string' }, 'batch-size': { type: 'string' }, deadline: { type: 'string' }, queue: { type: 'string' } } });
  if (positionals.length === 0) throw new DealgraphError('ingest: expected PATH… or - (standard input), found none');
  const batch = values['batch-size'] !== undefined ? Number(values['batch-size']) : undefined;
  if (batch !== undefined && !(Number.isInteger(batch) && batch > 0)) throw new DealgraphError(`--batch-size: expected a positive whole number, found ${values['batch-size']}`);
  const published = date('--date', values.date); // before the database is opened: a bad flag creates nothing
  const ms = deadlineMs(values.deadline);
  // With --queue, articles are recorded in PostgreSQL and enqueued; workers extract and store them.
  if (values.queue !== undefined) return ingestQueued(values.db, values.queue, positionals, published, io);
  const tty = !!process.stderr.isTTY;
  const total = tty ? countFiles(positionals) : 0;
  const t0 = performance.now();
  // Each article is extracted in a worker under the deadline; the store is written on this thread.
  const pool = new ExtractPool({ size: 1, deadlineMs: ms });
  try {
  return await withStore(values.db, async (store) => {
    const s = await ingestPathsPooled(store, positionals, pool, {
      published, batchSize: batch,
      onProgress: tty ? (n, sum, file) => {
        const done = Math.min(total, file ? filesSeen(file) : 0);
        const frac = total ? done / total : 0;
        const bar = '#'.repeat(Math.round(frac * 24)).padEnd(24, '.');
        const rate = n / Math.max((performance.now() - t0) / 1000, 1e-3);
        process.stderr.write(`\r  [${bar}] ${total ? `${done}/${total} files, ` : ''}${n} articles (${Math.round(rate)}/s): ${sum.added} new, ${sum.duplicates} duplicate, ${sum.nearDuplicates} near, ${sum.failed} failed `);
      } : undefined,
    });
    if (tty) process.stderr.write('\n');
    for (const e of [...(s.notes ?? []), ...s.errors]) io.err(e.reason + '\n');
    const c = await store.counts();
    io.out(`ingested ${s.articles} articles in ${s.seconds.toFixed(1)} s (${Math.round(s.articles / Math.max(s.seconds, 1e-3))} articles/s): ` +
      `${s.added} new, ${s.duplicates} duplicate, ${s.nearDuplicates} near-duplicate, ${s.failed} failed${s.skipped ? `, ${s.skipped} skipped` : ''}; ` +
      `${s.entities} entity mentions and ${s.facts} facts added. Database ${shownUrl(values.db ?? DEFAULT_DB)}: ${c.articles} articles, ${c.entities} entities, ${c.facts} facts, ${c.deals} deals\n`);
    return s.failed > 0 ? 1 : 0;
  }, { check: true });
  } finally { await pool.close(); }
}

export async function queryCmd(args: string[], io: Io): Promise<number> {
  const [what, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest, allowPositionals: true, strict: true,
    options: { db: { type: 'string' }, format: { type: 'string' }, entity: { type: 'string' }, type: { type: 'string' }, status: { type: 'string' },
      since: { type: 'string' }, 'as-of': { type: 'string' }, speaker: { type: 'string' }, limit: { type: 'string' }, all: { type: 'boolean' } },
  });
  const f = fmt(values.format);
  const asOf = date('--as-of', values['as-of']);
  if (values.limit !== undefined && values.all) throw new DealgraphError('--limit: expected either --limit or --all, found both');
  if (values.limit !== undefined && !/^[1-9]\d{0,5}$/.test(values.limit)) throw new DealgraphError(`--limit: expected a number of rows from 1 to 999999, found ${JSON.stringify(values.limit)}`);
  const limit = values.all ? Infinity : values.limit !== undefined ? Number(values.limit) : 50;
  // The table says how much it shows; for json and csv, standard error does, so the data stays clean.
  const more = (shown: number, total: number | null, what: string) => { const s = shownOf(shown, total, what); if (s) (f === 'table' ? io.out : io.err)(f === 'table' ? s : 'dealgraph: ' + s); };
  return withStore(values.db, async (store) => {
    switch (what) {
      case 'entity': {
        if (positionals.length === 0) throw new DealgraphError('query entity: expected NAME, found none');
        const e = await pickEntity(store, positionals.join(' '), io);
        const p = await entityProfile(store, e.id, { asOf, limit: Number.isFinite(limit) ? limit : 1_000_000 });
        if (f === 'json') { io.out(JSON.stringify(p, null, 2) + '\n'); return 0; }
        const rows: Record<string, unknown>[] = [];
        const add = (section: string, items: { date: string | null; text: string; status?: string | null; negated?: boolean; sources: { article: number; published: string | null }[] }[]) => {
          for (const i of items) rows.push({ section, date: i.date, what: i.text + (i.negated ? ' [denied]' : ''), status: i.status ?? '', sources: srcText(i.sources) });
        };
        add('role', p.roles);
        for (const d of p.deals) rows.push({ section: 'deal', date: d.lastSeen, what: `${d.type} #${d.id}: ${d.parties.map((x) => `${x.name} (${x.role})`).join(', ')}`, status: d.status, sources: srcText(d.sources) });
        add('stake', p.stakes); add('subsidiary', p.subsidiaries); add('financial', p.financials); add('stock move', p.stockMoves); add('quote', p.quotes);
        for (const e of p.events) rows.push({ section: 'event', date: e.date, what: `${e.type}${e.subtype ? '/' + e.subtype : ''}: ${e.text}`, status: '', sources: srcText(e.sources) });
        if (f === 'csv') { io.out(csv(rows, ['section', 'date', 'what', 'status', 'sources'])); return 0; }
        io.out(`${p.entity.name} (#${p.entity.id}, ${p.entity.type}) — in ${p.entity.articles} articles${p.entity.aliases.length ? '; also: ' + p.entity.aliases.slice(0, 12).join(', ') : ''}${asOf ? `; as known on ${asOf}` : ''}\n\n`);
        io.out(table(rows, ['section', 'date', 'what', 'status', 'sources']));
        return 0;
      }
      case 'deals': {
        const entity = values.entity !== undefined ? (await pickEntity(store, values.entity, io)).id : undefined;
        const all = await store.deals({ entity, type: values.type, status: values.status, since: date('--since', values.since), asOf });
        const deals = all.slice(0, limit);
        const rows = deals.map((d) => ({ id: d.id, type: d.type, parties: d.parties.map((x) => `${x.name} (${x.role})`).join(', '), status: d.status, first: d.firstSeen, last: d.lastSeen, facts: d.facts }));
        print(io, f, rows, ['id', 'type', 'parties', 'status', 'first', 'last', 'facts'], deals);
        more(deals.length, all.length, 'deals');
        return 0;
      }
      case 'deal': {
        const id = Number(positionals[0]);
        if (!Number.isInteger(id)) throw new DealgraphError(`query deal: expected a deal id, found ${JSON.stringify(positionals[0] ?? '')}`);
        const t = await dealTimeline(store, id, asOf);
        const rows = t.steps.map((s) => ({ date: s.date, status: s.status, what: s.text + (s.negated ? ' [denied]' : ''), modality: s.modality, sources: srcText(s.sources) }));
        if (f === 'table') io.out(`${t.deal.type} #${t.deal.id}: ${t.deal.parties.map((p) => `${p.name} (${p.role})`).join(', ')} — now ${t.deal.status}\n\n`);
        print(io, f, rows, ['date', 'status', 'what', 'modality', 'sources'], t);
        return 0;
      }
      case 'timeline': {
        if (positionals.length === 0) throw new DealgraphError('query timeline: expected NAME, found none');
        const e = await pickEntity(store, positionals.join(' '), io);
        const facts = (await store.factsAbout(e.id, { asOf })).filter((x) => !x.nearDup);
        const shown = facts.slice(0, limit), names = await namesOf(store, shown);
        const items = shown.map((x) => ({ ...toItem(names, x), type: x.type }));
        const rows = items.map((i) => ({ date: i.date, type: i.type, what: i.text + (i.negated ? ' [denied]' : ''), status: i.status ?? '', sources: srcText(i.sources) }));
        if (f === 'table') io.out(`${e.name} (#${e.id})\n\n`);
        print(io, f, rows, ['date', 'type', 'what', 'status', 'sources'], items);
        more(items.length, facts.length, 'facts');
        return 0;
      }
      case 'quotes': {
        if (!values.speaker) throw new DealgraphError('query quotes: expected --speaker NAME, found none');
        const e = await pickEntity(store, values.speaker, io);
        const all = (await store.factsAbout(e.id, { types: ['quote'], asOf })).filter((x) => x.args.speaker === e.id && !x.nearDup);
        const items = all.slice(0, limit).map((x) => ({ date: x.date, quote: x.args.text, sources: srcText([{ article: x.articleId, published: x.article?.published ?? null }]) }));
        print(io, f, items, ['date', 'quote', 'sources']);
        more(items.length, all.length, 'quotes');
        return 0;
      }
      case 'events': {
        const entity = values.entity !== undefined ? (await pickEntity(store, values.entity, io)).id : undefined;
        const got = await eventsOf(store, { entity, type: values.type, asOf, limit: Number.isFinite(limit) ? limit + 1 : 10_000 });
        const items = got.slice(0, limit);
        const rows = items.map((e) => ({ date: e.date, type: e.subtype ? `${e.type}/${e.subtype}` : e.type, what: e.text + (e.negated ? ' [negated]' : ''), modality: e.modality, conf: e.confidence, sources: srcText(e.sources) }));
        print(io, f, rows, ['date', 'type', 'what', 'modality', 'conf', 'sources'], items);
        more(items.length, got.length > items.length || got.length >= 10_000 ? null : got.length, 'events');
        return 0;
      }
      case 'path': {
        if (positionals.length !== 2) throw new DealgraphError(`query path: expected two names A B (quote names with spaces), found ${positionals.length}`);
        const a = await pickEntity(store, positionals[0], io), b = await pickEntity(store, positionals[1], io);
        const paths = await shortestPaths(store, a.id, b.id);
        const rows = paths.map((p, i) => ({ path: i + 1, hops: p.length - 1, via: p.map((n, k) => (k === 0 ? n.name : `-[${n.via} #${n.fact}]- ${n.name}`)).join(' ') }));
        if (f === 'table' && rows.length === 0) { io.out(`no connection between ${a.name} and ${b.name} within 4 steps\n`); return 0; }
        print(io, f, rows, ['path', 'hops', 'via'], paths);
        return 0;
      }
      default:
        throw new DealgraphError(`query: expected entity, deals, deal, timeline, quotes, events or path, found ${JSON.stringify(what ?? '')}`);
    }
  });
}

export async function entityCmd(args: string[], io: Io): Promise<number> {
  const [what, ...rest] = args;
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, strict: true, options: { db: { type: 'string' } } });
  return withStore(values.db, async (store) => {
    if (what === 'merge') {
      if (positionals.length !== 2) throw new DealgraphError(`entity merge: expected two entities A B (names or #ids), found ${positionals.length}`);
      const a = await findEntityByName(store, positionals[0]), b = await findEntityByName(store, positionals[1]);
      await store.mergeEntities(a.id, b.id);
      io.out(`merged ${b.name} (#${b.id}) into ${a.name} (#${a.id}); later ingests keep them together\n`);
      return 0;
    }
    if (what === 'split') {
      if (positionals.length !== 2) throw new DealgraphError(`entity split: expected an entity and one of its aliases, found ${positionals.length} arguments`);
      const e = await findEntityByName(store, positionals[0]);
      const n = await store.splitEntity(e.id, positionals[1]);
      io.out(`split ${JSON.stringify(positionals[1])} from ${e.name} (#${e.id}) into #${n}; later ingests keep them apart\n`);
      return 0;
    }
    if (what === 'show') {
      const e = await findEntityByName(store, positionals.join(' '));
      print(io, 'table', (await store.mergeLog(e.id)).map((m) => ({ alias: m.alias, reason: m.reason, article: m.articleId })), ['alias', 'reason', 'article']);
      return 0;
    }
    throw new DealgraphError(`entity: expected merge, split or show, found ${JSON.stringify(what ?? '')}`);
  }, { check: what === 'merge' || what === 'split' });
}

/** The server's token: --token, --token-file or DEALGRAPH_TOKEN; an empty one is an error, never "no authentication". */
export function serveToken(values: { token?: string; 'token-file'?: string }, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (values.token !== undefined && values['token-file'] !== undefined) throw new DealgraphError('--token: expected either --token or --token-file, found both');
  if (values.token !== undefined) return checkToken(values.token, '--token');
  const file = values['token-file'];
  if (file !== undefined) {
    let text: string;
    try { text = readFileSync(file, 'utf8'); } catch (e) { throw new DealgraphError(`--token-file: expected a readable file, found ${(e as NodeJS.ErrnoException).code ?? String(e)}`, file); }
    return checkToken(text.replace(/\r?\n$/, ''), `--token-file ${file}`);
  }
  return checkToken(env.DEALGRAPH_TOKEN, 'DEALGRAPH_TOKEN');
}

export async function serveCmd(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, strict: true, options: {
    db: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, token: { type: 'string' }, 'token-file': { type: 'string' },
    'allow-host': { type: 'string', multiple: true }, deadline: { type: 'string' },
  } });
  const port = values.port !== undefined ? Number(values.port) : 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new DealgraphError(`--port: expected a port number 0-65535, found ${JSON.stringify(values.port)}`);
  const host = values.host ?? '127.0.0.1';
  const token = serveToken(values);
  const pool = new ExtractPool({ deadlineMs: deadlineMs(values.deadline) });
  const { createApi } = await import('../serve/api.js');
  const { PAGE } = await import('../serve/page.js');
  const store = await openStore(values.db ?? DEFAULT_DB, { check: true });
  const server = createApi(store, { token, page: PAGE, pool, hosts: values['allow-host'] });
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(port, host, resolve); });
  const addr = server.address();
  if (!token && !isLoopback(host)) io.err(`dealgraph: warning: serving on ${host} without a token: anyone who can reach it can read the database, and writes are refused; give --token-file FILE or DEALGRAPH_TOKEN\n`);
  io.out(`dealgraph serving ${shownUrl(values.db ?? DEFAULT_DB)} at http://${host}:${typeof addr === 'object' && addr ? addr.port : port}/ (API under /api/, OpenAPI at /api/openapi.json)${token ? '; API calls need Authorization: Bearer <token>' : ''}\n`);
  const stop = () => { server.close(); void Promise.all([pool.close(), store.close()]).finally(() => process.exit(0)); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<number>(() => { /* runs until stopped */ });
}
