import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePrices } from './prices.js';

test('price files: good rows in, each bad row named by line and reason', () => {
  const cases: { name: string; text: string; index?: boolean; kind: 'stock' | 'index'; rows: number; errors: [number, RegExp][] }[] = [
    { name: 'stock file', text: 'date,symbol,close\n1987-03-02,F,1.5\n1987-03-03,F,1.52\n', kind: 'stock', rows: 2, errors: [] },
    { name: 'index header', text: 'date,index,close\n1987-03-02,SPX,280.5\n', kind: 'index', rows: 1, errors: [] },
    { name: '--index forces index', text: 'date,symbol,close\n1987-03-02,SPX,280.5\n', index: true, kind: 'index', rows: 1, errors: [] },
    { name: 'CRLF, BOM, blank lines, an exact repeat', text: '\uFEFFdate,symbol,close\r\n1987-03-02,F,1.5\r\n\r\n1987-03-02,F,1.5\r\n', kind: 'stock', rows: 1, errors: [] },
    { name: 'bad header', text: 'day,ticker,price\n1987-03-02,F,1.5\n', kind: 'stock', rows: 0, errors: [[1, /expected the header date,symbol,close/]] },
    {
      name: 'bad rows', kind: 'stock', rows: 1, text: [
        'date,symbol,close', '1987-03-02,F,1.5', '1987-02-30,F,1.5', '87-03-02,F,1.5', '1987-03-03,,1.5', '1987-03-03,F,abc', '1987-03-03,F,-2',
        '1987-03-03,F,0', '1987-03-03,F', '1987-03-02,F,1.6', '1987-03-04,F D,1.5', '1987-03-04,F,Infinity',
      ].join('\n'),
      errors: [[3, /expected a date/], [4, /expected a date/], [5, /expected a symbol/], [6, /positive closing price/], [7, /positive closing price/], [8, /positive closing price/],
        [9, /expected 3 fields/], [10, /one close for F on 1987-03-02, found 1.5 and 1.6/], [11, /expected a symbol/], [12, /positive closing price/]],
    },
    { name: 'header only', text: 'date,symbol,close\n', kind: 'stock', rows: 0, errors: [[1, /at least one price row/]] },
  ];
  for (const c of cases) {
    const r = parsePrices(c.text, { index: c.index });
    assert.equal(r.kind, c.kind, c.name);
    assert.equal(r.rows.length, c.rows, c.name);
    assert.equal(r.errors.length, c.errors.length, `${c.name}: ${JSON.stringify(r.errors)}`);
    c.errors.forEach(([line, re], i) => { assert.equal(r.errors[i].line, line, c.name); assert.match(r.errors[i].reason, re, c.name); });
  }
});
