/**
 * The committed event model on real-world sentences, one or more per event
 * type, and on modern typography. Each row names the trigger word the model
 * must find with its type; arguments are checked where the row names one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findEvents } from './index.js';

/** `todo`: a known miss of the committed model, run and reported (node:test todo) but not failing the suite. */
const ROWS: { text: string; type: string; trigger: string; arg?: [string, string]; todo?: string }[] = [
  { text: 'Shares of Apple rose 3 % to $ 180 on Tuesday .', type: 'SecurityValue', trigger: 'rose', arg: ['Security_SecurityValue', 'Apple'], todo: 'read as a profit rise' },
  { text: 'Shares of Apple rose 3 % to $ 180 on Tuesday .', type: 'SecurityValue', trigger: 'rose', arg: ['IncreaseAmount_SecurityValue', '3 %'], todo: 'the model takes the price, not the change' },
  { text: 'Boeing stock fell 5 % after the crash .', type: 'SecurityValue', trigger: 'fell' },
  { text: 'Disney agreed to acquire 21st Century Fox for $ 52 billion .', type: 'Merger/Acquisition', trigger: 'acquire', arg: ['Target', 'Fox'] },
  { text: 'American Airlines signed a sponsorship deal with the Chicago Cubs .', type: 'Deal', trigger: 'deal' },
  { text: 'Boeing raised its quarterly dividend by 20 % to $ 2.05 a share .', type: 'Dividend', trigger: 'dividend' },
  { text: 'Goldman Sachs upgraded Netflix to buy from neutral .', type: 'Rating', trigger: 'upgraded' },
  { text: 'Walmart \'s revenue rose 4 % to $ 138 billion in the quarter .', type: 'Revenue', trigger: 'revenue' },
  { text: 'General Electric reported a net loss of $ 6 billion in the third quarter .', type: 'Profit/Loss', trigger: 'loss', todo: 'read as a stock move' },
  { text: 'General Electric swung to a quarterly profit of $ 1.2 billion as revenue rose .', type: 'Profit/Loss', trigger: 'profit', todo: 'missed (only the revenue rise is found) since the model was retrained on text with headlines split off' },
  { text: 'Harley-Davidson \'s U.S. motorcycle sales fell 9 % last year .', type: 'SalesVolume', trigger: 'sales' },
  { text: 'Apple launched three new iPhones on Wednesday .', type: 'Product/Service', trigger: 'launched' },
  { text: 'Nike beat analysts \' expectations for the fourth quarter .', type: 'FinancialReport', trigger: 'beat', todo: 'missed' },
  { text: 'Nike reported quarterly results that topped Wall Street estimates .', type: 'FinancialReport', trigger: 'results' },
  { text: 'The European Commission fined Google $ 5 billion for abusing its dominance .', type: 'Legal', trigger: 'fined' },
  { text: 'Ford named Jim Hackett chief executive , replacing Mark Fields .', type: 'Employment', trigger: 'named' },
  { text: 'BMW will open a new plant in Mexico next year .', type: 'Facility', trigger: 'open' },
  { text: 'SoftBank invested $ 1 billion in Uber .', type: 'Investment', trigger: 'invested' },
  { text: 'Tesla raised $ 2 billion in a stock and bond sale .', type: 'Financing', trigger: 'bond sale' },
  { text: 'Amazon \'s operating expenses increased 25 % .', type: 'Expense', trigger: 'expenses', todo: 'read as a sales increase' },
  // Modern typography: curly apostrophes and quotes, em dashes, no spaces before punctuation.
  { text: 'Apple’s shares jumped 4% on Thursday — the biggest gain in a year.', type: 'SecurityValue', trigger: 'jumped' },
  { text: 'Boeing’s board raised the company’s dividend by 20% — its biggest increase.', type: 'Dividend', trigger: 'dividend', todo: 'missed: the model finds no event here' },
  { text: '“We are very pleased,” said Boeing’s chief executive, after Boeing raised its dividend.', type: 'Dividend', trigger: 'dividend', todo: 'a dividend after a quotation is read as an acquisition' },
];

for (const row of ROWS) {
  test(`events: ${row.type} in "${row.text.slice(0, 60)}"${row.arg ? ` with ${row.arg[0]}` : ''}`, { todo: row.todo }, () => {
    const evs = findEvents(row.text);
    const at = row.text.indexOf(row.trigger);
    const hit = evs.find((e) => e.type === row.type && e.trigger.start <= at && at < e.trigger.end);
    assert.ok(hit, `expected a ${row.type} event on "${row.trigger}", found ${JSON.stringify(evs.map((e) => [e.type, e.trigger.text]))}`);
    assert.equal(row.text.slice(hit.trigger.start, hit.trigger.end), hit.trigger.text);
    if (row.arg) {
      const [role, text] = row.arg;
      assert.ok(hit.args.some((a) => a.role === role && a.text.includes(text)), `expected ${role} "${text}", found ${JSON.stringify(hit.args)}`);
    }
  });
}

test('events: offsets stay inside the text on hostile input', () => {
  for (const text of ['', ' ', '\u0000\u0001', 'x'.repeat(5000), '$ % , . ; '.repeat(300), 'rose '.repeat(400), 'Ünïcödé “quotes” — ‘and’ … emoji 😀 rose 5 %']) {
    for (const e of findEvents(text)) {
      assert.ok(e.trigger.start >= 0 && e.trigger.end <= text.length && e.trigger.start < e.trigger.end);
      for (const a of e.args) assert.ok(a.start >= 0 && a.end <= text.length && a.start < a.end);
    }
  }
});
