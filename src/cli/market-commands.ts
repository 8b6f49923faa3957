/**
 * `dealgraph market …`: import closes, link symbols to entities, and run
 * event studies (one symbol and date, or a kind of fact across the graph).
 * Tables by default; --format json|csv.
 */
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { DealgraphError } from '../errors.js';
import { openStore, DEFAULT_DB } from '../store/index.js';
import type { Store } from '../store/types.js';
import { findEntityByName } from '../graph/query.js';
import { csv, table } from './graph-commands.js';
import type { Io } from './main.js';
import {
  DEFAULTS, DEFAULT_INDEX, MODELS, Market, autoLink, refusedLinks, isCalendarDate, linksFromNames, parsePrices, selectFacts, studyFacts, studySubjects, eventSubjects,
  type GroupStudy, type Model, type StudyResult, type Window,
} from '../market/index.js';

export const MARKET_USAGE = `usage: dealgraph market <command> [--db PATH]

  import FILE.csv [--index]             daily closes, long format date,symbol,close (or date,index,close);
                                        idempotent; a file with a bad row imports nothing (rows named by line)
  link --auto | --names FILE | ENTITY SYMBOL
                                        link symbols to entities: tickers in stored articles ("<F>",
                                        "(NYSE: F)", "Nasdaq: AAPL"), a symbol,name file, or by hand
  links                                 every link and why it was made
  symbols                               the symbols and indexes with closes
  event --symbol S --date D [--index I] [--window a,b]… [--model M] [--estimation a,b] [--min N]
                                        one event study: alpha, beta, each day's abnormal return, CAR and t
  study [--type T] [--role R] [--status S] [--window a,b] [--index I] [--model M] [--list]
                                        every dated fact of that kind about a linked company, and the
                                        group tests: mean and median CAR, cross-sectional t, Patell Z,
                                        BMP, generalized sign (overlapping events of a company reported)
  study --events [--type T] [--subtype S] [--role R] …
                                        the same over the event model's events (--type Merger/Acquisition
                                        --role Target; --type SecurityValue --subtype Increase_SecurityValue)
  (models: market (default), market-adjusted, mean-adjusted; windows default 0,0 -1,1 -5,5;
   index default ${DEFAULT_INDEX}; --format table|json|csv)
`;

type Format = 'table' | 'json' | 'csv';
const RE_PAIR = /^-?\d+,-?\d+$/;

/** `--window -1,1` reads as an option to parseArgs: joined into `--window=-1,1` first. */
function joinPairs(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if ((args[i] === '--window' || args[i] === '--estimation') && RE_PAIR.test(args[i + 1] ?? '')) out.push(`${args[i]}=${args[++i]}`);
    else out.push(args[i]);
  }
  return out;
}

function pair(name: string, v: string): Window {
  if (!RE_PAIR.test(v)) throw new DealgraphError(`${name}: expected two trading-day offsets as a,b (e.g. -1,1), found ${JSON.stringify(v)}`);
  const [a, b] = v.split(',').map(Number);
  if (a > b) throw new DealgraphError(`${name}: expected a <= b, found ${v}`);
  return [a, b];
}
function fmt(v: string | undefined): Format {
  if (v === undefined) return 'table';
  if (v !== 'table' && v !== 'json' && v !== 'csv') throw new DealgraphError(`--format: expected table, json or csv, found ${JSON.stringify(v)}`);
  return v;
}
function model(v: string | undefined): Model {
  if (v === undefined) return 'market';
  if (!(MODELS as readonly string[]).includes(v)) throw new DealgraphError(`--model: expected ${MODELS.join(', ')}, found ${JSON.stringify(v)}`);
  return v as Model;
}
async function withStore<T>(db: string | undefined, fn: (s: Store) => Promise<T>, check = false): Promise<T> {
  const s = await openStore(db ?? DEFAULT_DB, { check });
  try { return await fn(s); } finally { await s.close(); }
}
const num = (x: number, d = 4) => (Number.isFinite(x) ? x.toFixed(d) : '');
const pct = (x: number) => (Number.isFinite(x) ? (100 * x).toFixed(2) + '%' : '');

export async function marketCmd(args: string[], io: Io): Promise<number> {
  const [sub, ...rest0] = args;
  const rest = joinPairs(rest0);
  switch (sub) {
    case 'import': return importCmd(rest, io);
    case 'link': return linkCmd(rest, io);
    case 'links': return linksCmd(rest, io);
    case 'symbols': return symbolsCmd(rest, io);
    case 'event': return eventCmd(rest, io);
    case 'study': return studyCmd(rest, io);
    case undefined: case '-h': case '--help': io.out(MARKET_USAGE); return sub === undefined ? 2 : 0;
    default: throw new DealgraphError(`market: expected import, link, links, symbols, event or study, found ${JSON.stringify(sub)}; see dealgraph market --help`);
  }
}

async function importCmd(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { db: { type: 'string' }, index: { type: 'boolean' } } });
  if (positionals.length !== 1) throw new DealgraphError(`market import: expected one FILE.csv, found ${positionals.length === 0 ? 'none' : positionals.join(' ')}`);
  const file = positionals[0];
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) { throw new DealgraphError(`expected a readable CSV file, found ${(e as Error).message}`, file); }
  const parsed = parsePrices(text, { index: values.index });
  if (parsed.errors.length) {
    for (const e of parsed.errors.slice(0, 20)) io.err(`dealgraph: ${file}:${e.line}: ${e.reason}\n`);
    if (parsed.errors.length > 20) io.err(`dealgraph: ${file}: … and ${parsed.errors.length - 20} more bad rows\n`);
    io.err(`dealgraph: ${file}: expected every row to be valid, found ${parsed.errors.length} bad; nothing was imported\n`);
    return 1;
  }
  const r = await withStore(values.db, (s) => s.transaction(() => s.market.upsertPrices(parsed.kind, parsed.rows)), true);
  const symbols = new Set(parsed.rows.map((x) => x.symbol)).size;
  io.out(`${file}: ${parsed.rows.length} ${parsed.kind === 'index' ? 'index ' : ''}closes of ${symbols} ${parsed.kind === 'index' ? 'index(es)' : 'symbol(s)'}: ${r.added} added, ${r.changed} changed, ${r.unchanged} already stored\n`);
  return 0;
}

async function linkCmd(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { db: { type: 'string' }, auto: { type: 'boolean' }, names: { type: 'string' } } });
  return withStore(values.db, async (s) => {
    if (values.auto) {
      const t0 = performance.now();
      const r = await autoLink(s);
      io.out(`read ${r.articles} articles that may carry tickers: ${r.found} ticker links found, ${r.added} new (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
      return 0;
    }
    if (values.names) {
      let text: string;
      try { text = readFileSync(values.names, 'utf8'); } catch (e) { throw new DealgraphError(`expected a readable symbol,name file, found ${(e as Error).message}`, values.names); }
      const r = await linksFromNames(s, text, values.names);
      const added = await s.transaction(async () => { let n = 0; for (const l of r.links) if (await s.market.addLink(l)) n++; return n; });
      io.out(`${values.names}: ${r.links.length} names matched an entity (${added} new links); ${r.unmatched.length} matched none${r.unmatched.length ? ': ' + r.unmatched.slice(0, 12).join(', ') + (r.unmatched.length > 12 ? ', …' : '') : ''}\n`);
      return 0;
    }
    if (positionals.length !== 2) throw new DealgraphError(`market link: expected --auto, --names FILE, or ENTITY SYMBOL, found ${positionals.length ? positionals.join(' ') : 'nothing'}`);
    const e = await findEntityByName(s, positionals[0]);
    const symbol = positionals[1];
    const added = await s.transaction(() => s.market.addLink({ entity: e.id, symbol, how: 'manual', reason: `by hand: dealgraph market link ${JSON.stringify(positionals[0])} ${symbol}`, article: null }));
    io.out(`${e.name} (#${e.id}) → ${symbol}${added ? '' : ' (already linked by hand)'}\n`);
    return 0;
  }, true);
}

async function linksCmd(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, strict: true, options: { db: { type: 'string' }, format: { type: 'string' } } });
  const f = fmt(values.format);
  return withStore(values.db, async (s) => {
    const priced = new Set((await s.market.symbols('stock')).map((x) => x.symbol));
    const refused = await refusedLinks(s, await s.market.links());
    // One row per entity and symbol: how many articles gave it, and the first reason of each kind.
    const rows = new Map<string, Record<string, unknown>>();
    for (const l of await s.market.links()) {
      const e = await s.entity(l.entity);
      const key = `${e?.id ?? l.entity} ${l.symbol}`;
      const r = rows.get(key) ?? { symbol: l.symbol, entity: e?.id ?? l.entity, name: e?.name ?? '?', priced: priced.has(l.symbol), how: [] as string[], articles: new Set<number>(), reason: l.reason, note: refused.get(key) ?? '' };
      if (!(r.how as string[]).includes(l.how)) (r.how as string[]).push(l.how);
      if (l.article) (r.articles as Set<number>).add(l.article);
      rows.set(key, r);
    }
    const list = [...rows.values()].map((r) => ({ ...r, how: (r.how as string[]).join('+'), articles: (r.articles as Set<number>).size }));
    print(io, f, list, ['symbol', 'entity', 'name', 'priced', 'how', 'articles', 'reason', 'note']);
    return 0;
  });
}

async function symbolsCmd(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, strict: true, options: { db: { type: 'string' }, format: { type: 'string' } } });
  return withStore(values.db, async (s) => {
    const rows = [...(await s.market.symbols('index')).map((x) => ({ kind: 'index', ...x })), ...(await s.market.symbols('stock')).map((x) => ({ kind: 'stock', ...x }))];
    print(io, fmt(values.format), rows, ['kind', 'symbol', 'days', 'from', 'to']);
    return 0;
  });
}

function print(io: Io, f: Format, rows: Record<string, unknown>[], cols: string[], json: unknown = rows): void {
  if (f === 'json') io.out(JSON.stringify(json, null, 2) + '\n');
  else if (f === 'csv') io.out(csv(rows, cols));
  else io.out(table(rows, cols));
}

const STUDY_OPTIONS = {
  db: { type: 'string' }, index: { type: 'string' }, model: { type: 'string' }, format: { type: 'string' },
  estimation: { type: 'string' }, min: { type: 'string' },
} as const;

function studyOptions(v: { estimation?: string; min?: string; model?: string }) {
  const min = v.min === undefined ? DEFAULTS.minEstimation : Number(v.min);
  if (!Number.isInteger(min) || min < 3) throw new DealgraphError(`--min: expected a whole number of returns >= 3, found ${JSON.stringify(v.min)}`);
  return { estimation: v.estimation ? pair('--estimation', v.estimation) : DEFAULTS.estimation, minEstimation: min, model: model(v.model) };
}

async function eventCmd(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, strict: true, options: { ...STUDY_OPTIONS, symbol: { type: 'string' }, date: { type: 'string' }, window: { type: 'string', multiple: true } } });
  if (!values.symbol) throw new DealgraphError('market event: expected --symbol S, found none');
  if (!values.date || !isCalendarDate(values.date)) throw new DealgraphError(`market event: --date: expected a date as YYYY-MM-DD, found ${JSON.stringify(values.date ?? null)}`);
  const windows = values.window?.length ? values.window.map((w) => pair('--window', w)) : DEFAULTS.windows;
  const f = fmt(values.format);
  const o = { ...studyOptions(values), windows };
  if (o.estimation[1] >= Math.min(...windows.map((w) => w[0]))) throw new DealgraphError(`--estimation: expected it to end before the event window starts, found ${o.estimation.join(',')}`);
  return withStore(values.db, async (s) => {
    const market = await Market.open(s, values.index ?? DEFAULT_INDEX);
    await market.load(values.symbol!);
    const r = market.event(values.symbol!, values.date!, o);
    const out = { symbol: values.symbol, index: market.index, ...r };
    if (!r.ok) {
      if (f === 'json') io.out(JSON.stringify(out, null, 2) + '\n');
      io.err(`dealgraph: ${values.symbol} ${values.date}: expected an event study, found none possible: ${r.reason}\n`);
      return 1;
    }
    if (f === 'json') { io.out(JSON.stringify(out, null, 2) + '\n'); return 0; }
    const days = r.days.map((d) => ({ day: d.day, date: d.date, return: pct(d.r), index: pct(d.m), ar: pct(d.ar), t: num(d.t, 2) }));
    const wins = r.windows.map((w) => ({ window: `(${w.window[0]},${w.window[1]})`, from: w.from, to: w.to, car: pct(w.car), se: pct(w.se), t: num(w.t, 2), p: num(w.p, 4) }));
    if (f === 'csv') { io.out(csv(wins, ['window', 'from', 'to', 'car', 'se', 't', 'p'])); return 0; }
    io.out(`${values.symbol} against ${market.index}, ${r.model} model; article date ${r.date}, event day ${r.eventDate}\n`);
    io.out(`estimation ${r.estimation.from}..${r.estimation.to} (${r.estimation.n} returns): alpha ${num(r.alpha, 6)}, beta ${num(r.beta, 3)}, sigma ${pct(r.sigma)}\n\n`);
    io.out(table(days, ['day', 'date', 'return', 'index', 'ar', 't']) + '\n' + table(wins, ['window', 'from', 'to', 'car', 'se', 't', 'p']));
    return 0;
  });
}

async function studyCmd(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, strict: true, options: { ...STUDY_OPTIONS, type: { type: 'string' }, subtype: { type: 'string' }, role: { type: 'string' }, status: { type: 'string' }, window: { type: 'string' }, list: { type: 'boolean' }, negated: { type: 'boolean' }, events: { type: 'boolean' } } });
  const f = fmt(values.format);
  const window = values.window ? pair('--window', values.window) : ([-1, 1] as Window);
  if (values.events && values.status) throw new DealgraphError('market study: --status applies to facts, not to --events');
  if (!values.events && values.subtype) throw new DealgraphError('market study: --subtype applies to --events');
  return withStore(values.db, async (s) => {
    const t0 = performance.now();
    const market = await Market.open(s, values.index ?? DEFAULT_INDEX);
    const opts = { ...studyOptions(values), window };
    const g = values.events
      ? await studySubjects(market, await eventSubjects(market, { type: values.type, subtype: values.subtype, role: values.role, includeNegated: values.negated }), opts)
      : await studyFacts(market, await selectFacts(s, { type: values.type, status: values.status, includeNegated: values.negated }), { role: values.role }, opts);
    const secs = (performance.now() - t0) / 1000;
    const rows = studyRows(g);
    if (f === 'json') { io.out(JSON.stringify({ ...g, seconds: secs }, null, 2) + '\n'); return 0; }
    if (f === 'csv') { io.out(csv(rows, STUDY_COLS)); return 0; }
    const what = values.events ? `events ${[values.type ?? 'of any type', values.subtype].filter(Boolean).join('/')} naming a company with prices` : values.type ?? 'all facts';
    io.out(studySummary(g, what, { role: values.role, status: values.status }, secs));
    if (values.list) io.out('\n' + table(rows, STUDY_COLS));
    return 0;
  });
}

const STUDY_COLS = ['kind', 'fact', 'date', 'event_day', 'name', 'symbol', 'role', 'status', 'car', 't', 'note'];
function studyRows(g: GroupStudy): Record<string, unknown>[] {
  return g.studies.map((x) => {
    const r = x.result as StudyResult;
    const w = r.ok ? r.windows[0] : null;
    return { kind: x.kind, fact: x.fact, date: x.date, event_day: r.ok ? r.eventDate : '', name: x.name, symbol: x.symbol, role: x.role, status: x.status, car: w ? pct(w.car) : '', t: w ? num(w.t, 2) : '', note: r.ok ? x.excluded ?? '' : r.reason };
  });
}

function studySummary(g: GroupStudy, kind: string, filter: { role?: string; status?: string }, secs: number): string {
  const ok = g.studies.filter((x) => x.result.ok);
  const excluded = ok.filter((x) => x.excluded).length;
  const what = [kind, filter.role ? `role ${filter.role}` : '', filter.status ? `status ${filter.status}` : ''].filter(Boolean).join(', ');
  const lines = [
    `${what}: ${g.facts} ${kind.startsWith('events') ? 'events' : 'facts'}, ${g.factsLinked} about a company with prices (${g.linked} company sides); ${ok.length} studied, ${g.linked - ok.length} not (reasons with --list); ${excluded} left out as the same company's same-day or overlapping event`,
    `CAR(${g.window[0]},${g.window[1]}), ${g.model} model against ${g.index} (${secs.toFixed(2)} s)`,
  ];
  const t = g.group;
  if (!t) return lines.join('\n') + '\nno events to test\n';
  const rows = [
    { test: 'N', value: String(t.n), p: '' },
    { test: 'mean CAR', value: pct(t.meanCar), p: '' },
    { test: 'median CAR', value: pct(t.medianCar), p: '' },
    { test: 'positive', value: `${t.positive}/${t.n}`, p: '' },
    { test: 'cross-sectional t', value: num(t.csT, 3), p: num(t.csP) },
    { test: 'Patell Z', value: num(t.patellZ, 3), p: num(t.patellP) },
    { test: 'BMP t', value: num(t.bmpT, 3), p: num(t.bmpP) },
    { test: 'generalized sign Z', value: num(t.signZ, 3), p: num(t.signP) },
  ];
  return lines.join('\n') + '\n\n' + table(rows, ['test', 'value', 'p']);
}
