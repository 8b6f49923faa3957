/**
 * The `dealgraph` command. Each subcommand returns an exit code; output goes to
 * the given streams so tests can run it in-process.
 */
import { parseArgs } from 'node:util';
import { DealgraphError } from '../errors.js';
import { readTextInput } from '../ingest/text.js';
import { analyze } from '../nlp/index.js';

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

export function main(argv: string[], io: Io = stdio): number {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'entities': return entities(rest, io);
      case '--version': io.out('dealgraph 0.1.0\n'); return 0;
      case undefined: case '-h': case '--help': case 'help': io.out(USAGE); return cmd === undefined ? 2 : 0;
      default: throw new DealgraphError(`expected a command (entities), found ${JSON.stringify(cmd)}; see dealgraph --help`);
    }
  } catch (e) {
    if (e instanceof DealgraphError) { io.err(e.message + '\n'); return 1; }
    const code = (e as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) { io.err(`dealgraph: ${cmd}: ${(e as Error).message}; see dealgraph --help\n`); return 2; }
    throw e;
  }
}
