import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tickerMentions } from './link.js';

test('tickers in titles and text', () => {
  const cases: [string, string[]][] = [
    ['FORD MOTOR CO <F> SAYS', ['F']],
    ['Mazda Motor Corp <MAZT.T>, an Autorama spokesman said', ['MAZT.T']],
    ['Apple Inc. (Nasdaq: AAPL) and General Motors (NYSE:GM) said', ['AAPL', 'GM']],
    ['shares of Tesla, Nasdaq: TSLA, rose', ['TSLA']],
    ['<Cyclops Corp> said', []],
    ['a <b>tag</b> and 3 <4> things', []],
    ['NYSE American: XYZ', []],
    ['(NYSE American: XYZ)', ['XYZ']],
  ];
  for (const [text, want] of cases) assert.deepEqual(tickerMentions(text).map((m) => m.symbol), want, text);
  const [m] = tickerMentions('Ford Motor Co <F> said');
  assert.deepEqual([m.start, m.end], [14, 17]);
});
