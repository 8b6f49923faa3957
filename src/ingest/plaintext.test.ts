import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plainTextMeta } from './plaintext.js';
import { readArticles } from './articles.js';

const REF = new Date('2026-12-01T00:00:00Z');

test('plain text: a headline first line is the title, a dateline dates the article', () => {
  const cases: { text: string; title: string | null; dateline: string | null; published: string | null }[] = [
    { text: 'PSA and GM confirm talks on a strategic alliance\n\nPARIS, Feb 29, 2012 - PSA Peugeot Citroen confirmed on Wednesday that it is in talks.', title: 'PSA and GM confirm talks on a strategic alliance', dateline: 'PARIS, Feb 29, 2012', published: '2012-02-29' },
    { text: 'Norsk Hydro buys Saga stake\n\nOSLO, April 2 — Norsk Hydro said it bought a stake in Saga Petroleum.', title: 'Norsk Hydro buys Saga stake', dateline: 'OSLO, April 2', published: '2026-04-02' },
    { text: 'NEW YORK, Jan. 5 (Reuters) - Acme Corp said it agreed to acquire Beta Inc.', title: null, dateline: 'NEW YORK, Jan. 5', published: '2026-01-05' },
    // A dateline day later in the year than the reference day is last year's (news is not dated ahead).
    { text: 'Banks merge\n\nSAN FRANCISCO, Dec 24 - Two banks agreed to merge.', title: 'Banks merge', dateline: 'SAN FRANCISCO, Dec 24', published: '2025-12-24' },
    // A first line that is a sentence is not a headline; no dateline, no date.
    { text: 'Acme Corp said it agreed to acquire Beta Inc for 10 mln dlrs.\n\nThe deal is subject to approval.', title: null, dateline: null, published: null },
    // A first line running into the next one (no blank line) is the start of the text, not a headline.
    { text: 'Acme Corp said on Monday that\nit agreed to acquire Beta Inc', title: null, dateline: null, published: null },
  ];
  for (const c of cases) {
    const m = plainTextMeta(c.text, { ref: REF });
    assert.deepEqual(m, { title: c.title, dateline: c.dateline, published: c.published }, c.text.slice(0, 40));
  }
});

test('plain text: a date given by the caller wins over the dateline', () => {
  const m = plainTextMeta('Norsk Hydro buys Saga stake\n\nOSLO, April 2 — Norsk Hydro said it bought a stake.', { published: '1987-04-03' });
  assert.equal(m.published, '1987-04-03');
  assert.equal(m.dateline, 'OSLO, April 2');
});

test('plain text files are read with their headline as title and their dateline date', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dg-plain-'));
  const f = join(dir, 'a.txt');
  writeFileSync(f, 'PSA and GM confirm talks on a strategic alliance\n\nPARIS, Feb 29, 2012 - PSA Peugeot Citroen confirmed on Wednesday that it is in talks with General Motors.\n');
  const [item] = [...readArticles([f])];
  assert.ok(item.ok);
  assert.equal(item.article.title, 'PSA and GM confirm talks on a strategic alliance');
  assert.equal(item.article.published, '2012-02-29');
  assert.equal(item.article.dateline, 'PARIS, Feb 29, 2012');
});
