/**
 * The `dealgraph` command. Each subcommand returns an exit code; output goes to
 * the given streams so tests can run it in-process.
 */
import { parseArgs } from 'node:util';
import { DealgraphError } from '../errors.js';
import { readTextInput } from '../ingest/text.js';
import { analyze } from '../nlp/index.js';
import { expand } from '../ingest/articles.js';
import type { Explanation } from '../extract/index.js';
import { ExtractPool, PoolError, deadlineMs } from '../extract/pool.js';
import { SCHEMA_ID, extractionJsonSchema, type Extraction } from '../extract/schema.js';
import { entityCmd, ingestCmd, queryCmd, serveCmd } from './graph-commands.js';
import { exportCmd } from './export.js';
import { marketCmd } from './market-commands.js';
import { dbCmd } from './db-commands.js';
import { queueCmd, workerCmd } from './queue-commands.js';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}
const stdio: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

const USAGE = `usage: dealgraph <command> [options]

commands:
  entities [--date YYYY-MM-DD] FILE|-   names and values in one article, as a JSON array of
                                        { type, text, start, end, value? } (types ORG PER LOC MISC
                                        MONEY PERCENT DATE; offsets are string indices into the text)
  extract [--date YYYY-MM-DD] [--explain] [--format json|jsonl] [--deadline S] FILE|DIR|-…
                                        companies, people and the facts stated about them
                                        (dealgraph/extraction@2): one JSON object for a single
                                        article, JSONL for several; a Reuters .sgm file holds many.
                                        --explain prints each fact's rule and the words that fired it
                                        on standard error. Failed articles print an error record and
                                        the exit code is 1; the others are still extracted. Each
                                        article gets --deadline seconds (default 1.9) in a worker thread.
  schema                                the JSON Schema of the extraction output
  ingest [--db PATH] [--date D] [--deadline S] PATH…|-
                                        store articles (.txt .html .json .jsonl .sgm RSS/Atom, dirs, stdin)
                                        and their facts in a SQLite graph (default ./dealgraph.db);
                                        idempotent; near-duplicates linked and not counted twice
  query entity NAME [--as-of D]         profile: aliases, roles, deals, stakes, results, quotes, events
  query deals [--entity N] [--type T] [--status S] [--since D] [--as-of D]
  query deal ID [--as-of D]             a deal's status timeline with its sources
  query timeline NAME | quotes --speaker NAME | path A B
  query events [--entity N] [--type T] [--as-of D]
                                        the event model's events (type: Rating, Dividend, …), newest first
                                        (all queries: --db PATH, --format table|json|csv)
                                        lists show 50 rows and say "50 of 462 deals";
                                        --limit N shows N, --all shows every one (in the entity
                                        profile, --limit is per section). A NAME that
                                        matches only in part is reported with the alternatives
  entity merge A B | entity split A ALIAS | entity show A
                                        correct entity merges; corrections survive later ingests
import { entityCmd, ingestCmd, queryCmd, serveCmd } from './graph-commands.js';
import { exportCmd } from './export.js';
import { marketCmd } from './market-commands.js';
  ingest --db postgres://… --queue redis://…[/DB][?prefix=P] PATH…
                                        record each article in PostgreSQL as accepted and enqueue it
  worker --db postgres://… --queue redis://… [--concurrency N] [--deadline S]
                                        extract and store queued articles (retries with backoff; an
                                        article that keeps failing goes to the dead letters)
  queue status --queue redis://… [--db postgres://…] [--format json]
                                        waiting, active, failed, dead (and done, from PostgreSQL)
  db migrate [--db PATH|URL]            apply the store's schema migrations (SQLite file or postgres://…)
  db stats [--db PATH|URL] [--format json]
                                        counts of articles, entities, facts, deals (either store)
                                        (--db postgres://USER@HOST:PORT/DB[?schema=S] selects PostgreSQL
                                        wherever --db is taken: ingest, query, entity, export, market, serve)
  serve [--db PATH] [--port N] [--host H] [--token T | --token-file F] [--allow-host NAME]… [--deadline S]
                                        the HTTP API and the web page (default 127.0.0.1:8080); the token
                                        may also come from DEALGRAPH_TOKEN; beyond loopback, writes need one
options:
  -h, --help      this help
  --version       the version
`;

const RE_DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkDate(d: string | undefined): string | undefined {
  if (d === undefined) return undefined;
  const t = Date.parse(d + 'T00:00:00Z');
  if (!RE_DATE.test(d) || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== d) {
    throw new DealgraphError(`--date: expected a date as YYYY-MM-DD, found ${JSON.stringify(d)}`);
  }
  return d;
}

function entities(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({ args, options: { date: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  if (values.help) { io.out(USAGE); return 0; }
  if (positionals.length !== 1) throw new DealgraphError(`entities: expected one FILE (or - for standard input), found ${positionals.length === 0 ? 'none' : positionals.join(' ')}`);
  const refDate = checkDate(values.date);
  const input = readTextInput(positionals[0]);
  const { spans } = analyze(input.text, { refDate });
  io.out(JSON.stringify(spans.map((s) => (s.value ? { type: s.type, text: s.text, start: s.start, end: s.end, value: s.value } : { type: s.type, text: s.text, start: s.start, end: s.end })), null, 1) + '\n');
  return 0;
}

async function extractCmd(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, strict: true,
    options: { date: { type: 'string' }, explain: { type: 'boolean' }, format: { type: 'string' }, deadline: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) { io.out(USAGE); return 0; }
  if (positionals.length === 0) throw new DealgraphError('extract: expected FILE, DIR or - (standard input), found none');
  if (values.format !== undefined && values.format !== 'json' && values.format !== 'jsonl') {
    throw new DealgraphError(`--format: expected json or jsonl, found ${JSON.stringify(values.format)}`);
  }
  const published = checkDate(values.date);
  // One worker: output keeps the input order, and a runaway article is stopped at its deadline.
  const pool = new ExtractPool({ size: 1, deadlineMs: deadlineMs(values.deadline) });
  let count = 0, failed = 0;
  // The first record is held until a second one shows the output is JSONL (one compact line each).
  let first: unknown = undefined;
  const emit = (obj: unknown) => {
    count++;
    if (count === 1) { first = obj; return; }
    if (count === 2) io.out(JSON.stringify(first) + '\n');
    io.out(JSON.stringify(obj) + '\n');
  };
  const fail = (source: string, reason: string) => {
    failed++;
    io.err(reason + '\n');
    emit({ schema: SCHEMA_ID, error: { source, reason } });
  };
  const seen = new Set<string>(); // directories read, across all inputs (a symlink loop is read once)
  try {
    for (const p of positionals) {
      for (const f of expand(p, seen)) {
        if ('error' in f) { fail(f.source, `dealgraph: ${f.source}: ${f.error}`); continue; }
        for (const item of await pool.readItems(f.file, published)) {
          if (!item.ok && item.skipped) { io.err(item.reason + '\n'); continue; }
          if (!item.ok) { fail(item.source, item.reason); continue; }
          try {
            const { extraction, explanations, eventReasons } = await pool.extract(item.article, { explain: values.explain });
            emit(extraction);
            if (values.explain) io.err(explainLines(item.article.source, extraction, explanations, eventReasons).join('\n') + '\n');
          } catch (e) {
            fail(item.article.source, e instanceof PoolError && e.failure !== 'crashed' ? e.message : `dealgraph: ${item.article.source}: extraction failed: ${e instanceof Error ? e.message : String(e)}`);
          }
        }
      }
    }
  } finally { await pool.close(); }
  if (count === 1) io.out(JSON.stringify(first, null, values.format === 'jsonl' ? undefined : 2) + '\n');
  if (count === 0) throw new DealgraphError('extract: expected at least one article, found none in the inputs');
  return failed > 0 ? 1 : 0;
}

/** Runs one command; `extract` and `ingest` answer asynchronously (their articles go through worker threads). */
export function main(argv: string[], io: Io = stdio): number | Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'entities': return entities(rest, io);
      case 'extract': return extractCmd(rest, io).catch((e) => failure(e, cmd, io));
      case 'schema': io.out(JSON.stringify(extractionJsonSchema(), null, 2) + '\n'); return 0;
      case 'ingest': return ingestCmd(rest, io).catch((e) => failure(e, cmd, io));
      case 'query': return queryCmd(rest, io).catch((e) => failure(e, cmd, io));
      case 'entity': return entityCmd(rest, io).catch((e) => failure(e, cmd, io));
      case 'export': return exportCmd(rest, io).catch((e) => failure(e, cmd, io));
      case 'market': return marketCmd(rest, io).catch((e) => failure(e, cmd, io));
      case 'db': return dbCmd(rest, io).catch((e) => failure(e, cmd, io));
      case 'worker': return workerCmd(rest, io).catch((e) => failure(e, cmd, io));
      case 'queue': return queueCmd(rest, io).catch((e) => failure(e, cmd, io));
      case 'serve': void serveCmd(rest, io).catch((e) => { io.err((e instanceof DealgraphError ? e.message : `dealgraph: serve: ${(e as Error).message}`) + '\n'); process.exit(1); }); return 0;
      case '--version': io.out('dealgraph 0.1.0\n'); return 0;
      case undefined: case '-h': case '--help': case 'help': io.out(USAGE); return cmd === undefined ? 2 : 0;
      default: throw new DealgraphError(`expected a command (entities, extract, schema, ingest, query, entity, export, market, db, worker, queue, serve), found ${JSON.stringify(cmd)}; see dealgraph --help`);
    }
  } catch (e) {
    return failure(e, cmd, io);
  }
}

/** A command's error as its message and exit code; anything unexpected is rethrown with its stack. */
function failure(e: unknown, cmd: string | undefined, io: Io): number {
  if (e instanceof DealgraphError) { io.err(e.message + '\n'); return 1; }
  const code = (e as { code?: string }).code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) { io.err(`dealgraph: ${cmd}: ${(e as Error).message}; see dealgraph --help\n`); return 2; }
  throw e;
}

/** `--explain`: each fact's rule and words, then each event with the model's strongest features. */
function explainLines(source: string, x: Extraction, explanations: Explanation[], eventReasons: Map<string, string[]>): string[] {
  const lines = [`# ${source}`];
  // Entities whose type the article's mentions disagreed on, with how it was settled.
  for (const e of x.entities) if (e.typeReason) lines.push(`${e.id} ${e.type} "${e.name}": ${e.typeReason}`);
  for (const e of explanations) {
    const f = x.facts.find((y) => y.id === e.fact)!;
    lines.push(`${e.fact} ${f.type}${f.status ? ' [' + f.status + ']' : ''}${f.negated ? ' NEGATED' : ''} ${f.modality} conf ${f.confidence}: rule ${e.rule}, trigger "${e.trigger}"`);
    lines.push(`    words: ${e.words}`);
    for (const c of e.cues) lines.push(`    cue: ${c}`);
  }
  for (const v of x.events) {
    lines.push(`${v.id} event ${v.type}${v.subtype ? '/' + v.subtype : ''}${v.negated ? ' NEGATED' : ''} ${v.modality} conf ${v.confidence}: ${v.rule}, trigger "${v.trigger.text}"`);
    if (v.args.length) lines.push(`    args: ${v.args.map((a) => `${a.role}=${a.text}${a.entity ? ' (' + a.entity + ')' : ''}`).join('; ')}`);
    const why = eventReasons.get(v.id);
    if (why?.length) lines.push(`    strongest features: ${why.join(', ')}`);
  }
  return lines;
}
