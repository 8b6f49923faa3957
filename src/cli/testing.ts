/** Test helper: the installed `dealgraph` command as a child process, its output collected. */
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from '../ingest/corpora.js';

export const BIN = join(REPO_ROOT, 'bin', 'dealgraph.js');
export type Done = { code: number | null; out: string; err: string };

export function runBin(args: string[]): { child: ChildProcess; done: Promise<Done> } {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '', err = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { err += d; });
  return { child, done: new Promise((r) => child.on('close', (code) => r({ code, out, err }))) };
}
