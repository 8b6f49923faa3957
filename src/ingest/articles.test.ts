import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readArticles, type ArticleItem } from './articles.js';
import { main } from '../cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'dealgraph-articles-'));
const STORY = 'Societe Generale SA said it agreed to buy Acme Widgets Corp for 12 mln dlrs in cash.';

const summary = (items: ArticleItem[]) => items.map((i) => (i.ok ? `ok ${i.article.source}` : `${i.skipped ? 'skipped' : 'error'} ${i.source}: ${i.reason}`));

test('a directory symlink loop is not followed: each real directory is read once', () => {
  const root = join(dir, 'loop');
  mkdirSync(join(root, 'a', 'deep'), { recursive: true });
  writeFileSync(join(root, 'a', 'one.txt'), STORY);
  writeFileSync(join(root, 'a', 'deep', 'two.txt'), 'Gencorp Inc said it would close its plant in Akron, Ohio.');
  symlinkSync(root, join(root, 'a', 'deep', 'up')); // back to the top: a loop
  symlinkSync(join(root, 'a'), join(root, 'b')); // a second name for the same directory
  const cases: [string[], string[]][] = [
    [[root], [`ok ${join(root, 'a', 'deep', 'two.txt')}`, `ok ${join(root, 'a', 'one.txt')}`]],
    [[join(root, 'b')], [`ok ${join(root, 'b', 'deep', 'two.txt')}`, `ok ${join(root, 'b', 'one.txt')}`]],
    [[root, join(root, 'b')], [`ok ${join(root, 'a', 'deep', 'two.txt')}`, `ok ${join(root, 'a', 'one.txt')}`]], // already read through a/
  ];
  for (const [paths, want] of cases) assert.deepEqual(summary([...readArticles(paths)]), want, paths.join(' '));
});

test('UTF-16 files with a byte-order mark are decoded, not refused as binary', () => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(STORY + ' Café Société.', 'utf16le')]);
  const be = Buffer.from(le.subarray(2)).swap16();
  const cases: [string, Buffer, RegExp | string][] = [
    ['le.txt', le, `${STORY} Café Société.`],
    ['be.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), be]), `${STORY} Café Société.`],
    ['odd.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Acme', 'utf16le'), Buffer.from([0x41])]), /odd\.txt: expected text, found bytes that are not valid UTF-16LE/],
    ['bin.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.alloc(64, 0)]), /bin\.txt: expected text, found binary data \(a NUL character/],
  ];
  for (const [name, bytes, want] of cases) {
    writeFileSync(join(dir, name), bytes);
    const [item] = [...readArticles([join(dir, name)])];
    if (typeof want === 'string') {
      assert.ok(item.ok, `${name}: ${JSON.stringify(item)}`);
      assert.equal(item.article.text, want);
    } else {
      assert.ok(!item.ok, name);
      assert.match(item.reason, want);
    }
  }
});

test('a Reuters block with neither title nor body is skipped with its reason, not stored as an empty article', async () => {
  const sgm = join(dir, 'empty-block.sgm');
  writeFileSync(sgm, [
    '<REUTERS NEWID="1"><DATE> 3-APR-1987 07:09:06.48</DATE><TEXT><TITLE>GENCORP TO CLOSE AKRON PLANT</TITLE><BODY>Gencorp Inc said it would close its plant in Akron.\n Reuter\n&#3;</BODY></TEXT></REUTERS>',
    // As NEWID 12793 in Reuters-21578: an unprocessed block whose text is only control characters.
    '<REUTERS NEWID="2"><DATE> 3-APR-1987 07:09:06.48</DATE><TEXT TYPE="UNPROC">&#2;\n&#3;\n\n</TEXT></REUTERS>',
    '<REUTERS NEWID="3"><DATE> 3-APR-1987 07:09:06.48</DATE><TEXT TYPE="BRIEF"><TITLE>ACME BUYS WIDGETS</TITLE></TEXT></REUTERS>',
  ].join('\n'));
  assert.deepEqual(summary([...readArticles([sgm])]), [
    `ok ${sgm}#1`,
    `skipped ${sgm}#2: dealgraph: ${sgm}#2: skipped: expected an article text (<TITLE> or <BODY>), found none`,
    `ok ${sgm}#3`, // a headline alone is an article
  ]);
  const db = join(dir, 'sgm.db');
  let out = '', err = '';
  const code = await main(['ingest', '--db', db, sgm], { out: (s) => { out += s; }, err: (s) => { err += s; } });
  assert.equal(code, 0, err);
  assert.match(out, /2 new, 0 duplicate, 0 near-duplicate, 0 failed, 1 skipped/);
  assert.match(err, /#2: skipped: expected an article text/);
});

test('ingest --date with an impossible day is refused at the flag check, before any database is created', async () => {
  const file = join(dir, 'dated.txt');
  writeFileSync(file, STORY);
  for (const bad of ['2020-02-31', '1987-13-01', '2021-02-29', '2020-2-3']) {
    const db = join(dir, `dated-${bad}.db`);
    let err = '';
    const code = await main(['ingest', '--db', db, '--date', bad, file], { out: () => {}, err: (s) => { err += s; } });
    assert.equal(code, 1, bad);
    assert.equal(err, `dealgraph: --date: expected a date as YYYY-MM-DD, found "${bad}"\n`);
    assert.ok(!existsSync(db), `${bad}: the database was created`);
  }
  const ok = await main(['ingest', '--db', join(dir, 'dated-ok.db'), '--date', '2020-02-29', file], { out: () => {}, err: () => {} });
  assert.equal(ok, 0);
});
