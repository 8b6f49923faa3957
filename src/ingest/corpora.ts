/** Paths of the shared, read-only corpora; tests that need them skip when absent. */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repo root (this file is at dist/src/ingest/ once compiled, src/ingest/ in source). */
export const REPO_ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
})();

export const CORPORA = process.env.DEALGRAPH_CORPORA ?? resolve(REPO_ROOT, '..', 'shared', 'corpora');
export const corporaPresent = (): boolean => existsSync(CORPORA);
export const corpusPath = (...parts: string[]): string => join(CORPORA, ...parts);

export function reutersFiles(): string[] {
  const dir = corpusPath('reuters21578');
  return readdirSync(dir).filter((f) => /^reut2-\d+\.sgm$/.test(f)).sort().map((f) => join(dir, f));
}

/** For node:test `skip`: false when present, else the one-line reason. */
export function skipWithoutCorpora(what = 'corpora'): string | false {
  return corporaPresent() ? false : `skipped: ${what} needs ../shared/corpora, which is absent`;
}
