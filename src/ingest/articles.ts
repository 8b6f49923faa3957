/**
 * Turns command-line inputs (files, directories, `-`) into articles, one at a
 * time, with per-item errors instead of stopping: a Reuters `.sgm` file gives
 * one article per `<REUTERS>` block (title + blank line + body, Latin-1);
 * HTML pages, JSON/JSONL records and RSS/Atom feeds go through formats.ts;
 * any other file is one plain-text article (UTF-8, or Latin-1 when not valid UTF-8).
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DealgraphError } from '../errors.js';
import { parseReutersSgml } from './reuters.js';
import { readTextInput } from './text.js';
import { plainTextMeta } from './plaintext.js';
import { detectFormat, parseFeed, parseHtml, parseJsonRecords } from './formats.js';

export interface Article {
  id: string;
  source: string;
  text: string;
  title: string | null;
  dateline: string | null;
  published: string | null;
}
/** An input that is not an article: an error (`failed`), or `skipped` when there was nothing to read (an empty Reuters block). */
export type ArticleItem = { ok: true; article: Article } | { ok: false; source: string; reason: string; skipped?: true };

const SKIP_DIRS = new Set(['node_modules', '.git']);

/**
 * Expands directories (recursively, sorted) into files; missing paths become
 * per-item errors. `seen` holds the real paths of the directories visited, so
 * a symbolic link back up the tree (a loop) is not followed: each directory is read once.
 * Exported for `extract`, which reads each file in a worker thread with a deadline.
 */
export function* expand(path: string, seen: Set<string>): Generator<{ file: string } | { error: string; source: string }> {
  if (path === '-') { yield { file: '-' }; return; }
  let st;
  try { st = statSync(path); } catch (e) {
    yield { source: path, error: `expected a readable file or directory, found ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
    return;
  }
  if (!st.isDirectory()) { yield { file: path }; return; }
  let real: string;
  try { real = realpathSync(path); } catch { real = path; }
  if (seen.has(real)) return;
  seen.add(real);
  for (const name of readdirSync(path).sort()) {
    if (name.startsWith('.') || SKIP_DIRS.has(name)) continue;
    yield* expand(join(path, name), seen);
  }
}

/** Reuters text as dealgraph extracts it: the title, a blank line, then the body. */
export function reutersText(title: string | null, body: string): string {
  return title ? `${title}\n\n${body}` : body;
}

export function* readArticles(paths: readonly string[], opts: { published?: string } = {}): Generator<ArticleItem> {
  const seen = new Set<string>();
  for (const p of paths) {
    for (const item of expand(p, seen)) {
      if ('error' in item) { yield { ok: false, source: item.source, reason: `dealgraph: ${item.source}: ${item.error}` }; continue; }
      const file = item.file;
      try {
        const input = readTextInput(file);
        const format = detectFormat(file === '-' ? '' : file, input.text.slice(0, 512));
        if (format === 'html' || format === 'json' || format === 'jsonl' || format === 'feed') {
          const items = format === 'html' ? parseHtml(input.text, input.source)
            : format === 'feed' ? parseFeed(input.text, input.source)
            : parseJsonRecords(input.text, input.source, format === 'jsonl');
          for (const it of items) yield it.ok && !it.article.published && opts.published ? { ok: true, article: { ...it.article, published: opts.published } } : it;
          continue;
        }
        if (format === 'sgm' || /\.sgm$/i.test(file) || /^\s*(?:<!DOCTYPE lewis[^>]*>\s*)?<REUTERS\b/.test(input.text.slice(0, 300))) {
          const { articles, errors } = parseReutersSgml(input.text);
          if (articles.length === 0 && errors.length === 0) throw new DealgraphError('expected <REUTERS> articles, found none', file);
          for (const a of articles) {
            // Reuters-21578 has blocks with neither title nor body (NEWID 12793): nothing to store, and not a failure.
            if (reutersText(a.title, a.body).trim() === '') {
              yield { ok: false, skipped: true, source: `${file}#${a.newid}`, reason: `dealgraph: ${file}#${a.newid}: skipped: expected an article text (<TITLE> or <BODY>), found none` };
              continue;
            }
            yield { ok: true, article: { id: `reuters-${a.newid}`, source: `${file}#${a.newid}`, text: reutersText(a.title, a.body), title: a.title, dateline: a.dateline, published: a.published ?? opts.published ?? null } };
          }
          for (const e of errors) yield { ok: false, source: `${file}#${e.index + 1}`, reason: `dealgraph: ${file}: article ${e.index + 1}: ${e.reason}` };
          continue;
        }
        // A plain-text article: its first line may be a headline, its dateline may date it.
        const meta = plainTextMeta(input.text, { published: opts.published ?? null });
        yield { ok: true, article: { id: file === '-' ? 'stdin' : basename(file), source: input.source, text: input.text, ...meta } };
      } catch (e) {
        yield { ok: false, source: file === '-' ? '<stdin>' : file, reason: e instanceof Error ? e.message : String(e) };
      }
    }
  }
}
