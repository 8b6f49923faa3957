import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReutersSgml, reutersDate } from './reuters.js';
import { readReutersFile } from './reuters.js';
import { reutersFiles, skipWithoutCorpora } from './corpora.js';

const ARTICLE = `<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="42">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TOPICS><D>acq</D></TOPICS>
<PLACES><D>usa</D></PLACES>
<TEXT>&#2;
<TITLE>MERIDIAN &lt;MEEI> ENDS CASTONE DEAL</TITLE>
<DATELINE>    DALLAS, Feb 26 - </DATELINE><BODY>Meridian Energy Inc and &lt;Castone
Development Corp> said they ended the letter of intent.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>`;

test('parses one article: fields, entities decoded, trailing "Reuter" removed', () => {
  const { articles, errors } = parseReutersSgml(ARTICLE);
  assert.deepEqual(errors, []);
  const a = articles[0];
  assert.equal(a.newid, '42');
  assert.equal(a.published, '1987-02-26');
  assert.deepEqual(a.topics, ['acq']);
  assert.equal(a.title, 'MERIDIAN <MEEI> ENDS CASTONE DEAL');
  assert.equal(a.dateline, 'DALLAS, Feb 26');
  assert.equal(a.body, 'Meridian Energy Inc and <Castone\nDevelopment Corp> said they ended the letter of intent.');
});

test('a truncated article is a per-item error; the others still parse', () => {
  const truncated = ARTICLE.replace('</REUTERS>', '');
  const { articles, errors } = parseReutersSgml(truncated + '\n' + ARTICLE.replace('NEWID="42"', 'NEWID="43"'));
  assert.equal(articles.length, 1);
  assert.equal(articles[0].newid, '43');
  assert.equal(errors.length, 1);
  assert.match(errors[0].reason, /expected <\/REUTERS> closing the article/);
});

test('dates', () => {
  assert.equal(reutersDate('26-FEB-1987 15:01:01.79'), '1987-02-26');
  assert.equal(reutersDate(' 5-MAR-1987 09:00'), '1987-03-05');
  assert.equal(reutersDate('garbage'), null);
});

test('reads all 21,578 Reuters-21578 articles', { skip: skipWithoutCorpora('Reuters-21578 read') }, () => {
  let n = 0, errs = 0;
  for (const f of reutersFiles()) { const r = readReutersFile(f); n += r.articles.length; errs += r.errors.length; }
  assert.equal(n, 21578);
  assert.equal(errs, 0);
});
