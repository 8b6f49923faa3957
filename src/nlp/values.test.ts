import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findValues, type Money, type Percent, type DateValue, type ValueType } from './values.js';
import { DealgraphError } from '../errors.js';

/** [type, span text, value]; the span's offset is asserted to be where `text` first occurs (or at `at`). */
type Exp = [ValueType, string, Money | Percent | DateValue, number?];
interface Case { text: string; ref?: string; want: Exp[] }

const usd = (value: number | null, extra: Partial<Money> = {}): Money => ({ value, currency: 'USD', ...extra });
const m = (currency: string | null, value: number | null, extra: Partial<Money> = {}): Money => ({ value, currency, ...extra });
const pct = (value: number, extra: Partial<Percent> = {}): Percent => ({ value, ...extra });
const d = (value: string): DateValue => ({ value });
const UNDISCLOSED: Money = { value: null, currency: null, undisclosed: true };

function check(c: Case): void {
  const got = findValues(c.text, c.ref ? { refDate: c.ref } : undefined);
  const want = c.want.map(([type, text, value, at]) => {
    const start = at ?? c.text.indexOf(text);
    assert.ok(start >= 0, `test bug: ${JSON.stringify(text)} not in ${JSON.stringify(c.text)}`);
    return { type, start, end: start + text.length, text, value };
  });
  assert.deepEqual(got, want, c.text);
  // Invariants: offsets slice to the text, sorted, non-overlapping.
  let last = 0;
  for (const s of got) {
    assert.equal(c.text.slice(s.start, s.end), s.text);
    assert.ok(s.start >= last, 'sorted and non-overlapping');
    last = s.end;
  }
}

const MONEY_CASES: Case[] = [
  {
    text: "PSA's automotive business lost €92 million ($122 million) in 2011",
    want: [['MONEY', '€92 million', m('EUR', 92_000_000), 31], ['MONEY', '$122 million', usd(122_000_000), 44], ['DATE', '2011', d('2011'), 61]],
  },
  { text: 'The unit lost E92 million last year and €92m in 2011.', want: [['MONEY', 'E92 million', m('EUR', 92e6)], ['MONEY', '€92m', m('EUR', 92e6)], ['DATE', '2011', d('2011')]] },
  { text: 'Meridian will pay 20 mln dlrs for the stake.', want: [['MONEY', '20 mln dlrs', usd(20e6)]] },
  { text: 'In the year the company earned 244 mln stg before tax.', want: [['MONEY', '244 mln stg', m('GBP', 244e6)]] },
  { text: 'Sumitomo paid 1.5 billion yen for the shares.', want: [['MONEY', '1.5 billion yen', m('JPY', 1_500_000_000)]] },
  { text: 'Inco Ltd said it will pay CAN$ 3 mln in cash.', want: [['MONEY', 'CAN$ 3 mln', m('CAD', 3e6)]] },
  {
    text: 'It paid C$3 mln, 3 mln Canadian dlrs and US$5bn.',
    want: [['MONEY', 'C$3 mln', m('CAD', 3e6)], ['MONEY', '3 mln Canadian dlrs', m('CAD', 3e6)], ['MONEY', 'US$5bn', usd(5e9)]],
  },
  {
    text: 'Bids of A$40 mln, HK$1.2 billion and NZ$15 mln were made.',
    want: [['MONEY', 'A$40 mln', m('AUD', 40e6)], ['MONEY', 'HK$1.2 billion', m('HKD', 1.2e9)], ['MONEY', 'NZ$15 mln', m('NZD', 15e6)]],
  },
  {
    text: 'Nestle paid 5 mln Swiss francs, Elf 12 mln francs and Bayer 20 mln marks.',
    want: [['MONEY', '5 mln Swiss francs', m('CHF', 5e6)], ['MONEY', '12 mln francs', m('FRF', 12e6)], ['MONEY', '20 mln marks', m('DEM', 20e6)]],
  },
  {
    text: 'Profit was 3 mln Deutsche marks, or DM 40 mln with 5 billion lire and 7 mln guilders.',
    want: [['MONEY', '3 mln Deutsche marks', m('DEM', 3e6)], ['MONEY', 'DM 40 mln', m('DEM', 40e6)], ['MONEY', '5 billion lire', m('ITL', 5e9)], ['MONEY', '7 mln guilders', m('NLG', 7e6)]],
  },
  {
    text: 'Pemex paid 9 mln Mexican pesos, 400 mln pesos and 56.88 billion rupees.',
    want: [['MONEY', '9 mln Mexican pesos', m('MXN', 9e6)], ['MONEY', '400 mln pesos', m(null, 400e6)], ['MONEY', '56.88 billion rupees', m(null, 56_880_000_000)]],
  },
  {
    text: 'The EIB lent EUR 5 million after 5 billion euros last year.',
    ref: '2012-02-29',
    want: [['MONEY', 'EUR 5 million', m('EUR', 5e6)], ['MONEY', '5 billion euros', m('EUR', 5e9)], ['DATE', 'last year', d('2011')]],
  },
  {
    text: 'Sales were 1,234.5 mln dlrs and debt 3.2 billion dlrs, or two billion dollars net.',
    want: [['MONEY', '1,234.5 mln dlrs', usd(1_234_500_000)], ['MONEY', '3.2 billion dlrs', usd(3_200_000_000)], ['MONEY', 'two billion dollars', usd(2e9)]],
  },
  {
    text: 'It offered $1.50 a share, or 18 dlrs per share, after a dividend of 5 cts and 25 cents.',
    want: [['MONEY', '$1.50', usd(1.5)], ['MONEY', '18 dlrs', usd(18)], ['MONEY', '5 cts', usd(0.05)], ['MONEY', '25 cents', usd(0.25)]],
  },
  {
    text: 'Shr 12-1/2 cts vs 1.10 dlrs',
    want: [['MONEY', '12-1/2 cts', usd(0.125)], ['MONEY', '1.10 dlrs', usd(1.1)]],
  },
  {
    text: 'The stake is valued at $5 million to $7 million.',
    want: [['MONEY', '$5 million to $7 million', usd(5e6, { min: 5e6, max: 7e6 })]],
  },
  {
    text: 'It expects to raise between 10 and 15 mln dlrs, or $5-7 million net.',
    want: [['MONEY', 'between 10 and 15 mln dlrs', usd(10e6, { min: 10e6, max: 15e6 })], ['MONEY', '$5-7 million', usd(5e6, { min: 5e6, max: 7e6 })]],
  },
  { text: 'A charge of 10-15 mln dlrs is likely.', want: [['MONEY', '10-15 mln dlrs', usd(10e6, { min: 10e6, max: 15e6 })]] },
  {
    text: 'Net rose from 10 to 15 mln dlrs.',
    want: [['MONEY', '10', usd(10e6)], ['MONEY', '15 mln dlrs', usd(15e6)]],
  },
  {
    // `January 28 to 285 mln dlrs` is a date then an amount, not the range 28-285.
    text: 'Sales for the quarter ended January 28 rose to 285 mln dlrs.',
    ref: '1987-03-12',
    want: [['DATE', 'January 28', d('1987-01-28')], ['MONEY', '285 mln dlrs', usd(285e6)]],
  },
  { text: 'It bought the unit for an undisclosed sum.', want: [['MONEY', 'undisclosed sum', UNDISCLOSED]] },
  { text: 'Terms were not disclosed.', want: [['MONEY', 'Terms were not disclosed', UNDISCLOSED]] },
  { text: 'It sold the plant for an undisclosed amount. Financial terms of the deal were not disclosed.', want: [['MONEY', 'undisclosed amount', UNDISCLOSED], ['MONEY', 'Financial terms of the deal were not disclosed', UNDISCLOSED]] },
];

const PERCENT_CASES: Case[] = [
  { text: 'Peugeot family holds 48.3% of the voting rights', want: [['PERCENT', '48.3%', pct(48.3), 21]] },
  { text: 'It holds 48.3 pct of the company.', want: [['PERCENT', '48.3 pct', pct(48.3)]] },
  { text: 'Shell acquired a 10 percent stake in the firm.', want: [['PERCENT', '10 percent', pct(10)]] },
  { text: 'Shares rose 14% to 30.5 euros.', want: [['PERCENT', '14%', pct(14)], ['MONEY', '30.5 euros', m('EUR', 30.5)]] },
  { text: 'Output fell 14 % and margins 10 per cent, or ten percent.', want: [['PERCENT', '14 %', pct(14)], ['PERCENT', '10 per cent', pct(10)], ['PERCENT', 'ten percent', pct(10)]] },
  { text: 'Growth of 5-7 pct is expected, or between 5 and 7 pct.', want: [['PERCENT', '5-7 pct', pct(5, { min: 5, max: 7 })], ['PERCENT', 'between 5 and 7 pct', pct(5, { min: 5, max: 7 })]] },
  { text: 'The index was down -5% and minus 0.5 pct.', want: [['PERCENT', '5%', pct(5)], ['PERCENT', '0.5 pct', pct(0.5)]] },
  { text: 'It cut its stake to 7 pct from 9 pct.', want: [['PERCENT', '7 pct', pct(7)], ['PERCENT', '9 pct', pct(9)]] },
  { text: 'The bonds carry a 7-3/4 pct coupon.', want: [['PERCENT', '7-3/4 pct', pct(7.75)]] },
];

const REF = '2012-02-29';
const DATE_CASES: Case[] = [
  { text: 'Sales fell last month, the company said.', ref: REF, want: [['DATE', 'last month', d('2012-01')]] },
  { text: 'The plant opened in April 2010.', ref: REF, want: [['DATE', 'April 2010', d('2010-04')]] },
  { text: 'The board will meet on March 3 to vote.', ref: REF, want: [['DATE', 'March 3', d('2012-03-03')]] },
  { text: 'Talks ended Feb 26 without agreement.', ref: REF, want: [['DATE', 'Feb 26', d('2012-02-26')]] },
  { text: 'The company said on Tuesday it would sell the unit.', ref: REF, want: [['DATE', 'Tuesday', d('2012-02-28')]] },
  { text: 'The board will meet Friday to vote.', ref: REF, want: [['DATE', 'Friday', d('2012-03-02')]] },
  { text: 'Profit rose last year and in 1987.', ref: REF, want: [['DATE', 'last year', d('2011')], ['DATE', '1987', d('1987')]] },
  { text: 'Sales in fiscal 1987 were flat.', want: [['DATE', '1987', d('1987')]] },
  { text: 'Dated 26-FEB-1987 and 1996-08-22.', want: [['DATE', '26-FEB-1987', d('1987-02-26')], ['DATE', '1996-08-22', d('1996-08-22')]] },
  { text: 'Exports rose in March last year.', ref: REF, want: [['DATE', 'March', d('2011-03')], ['DATE', 'last year', d('2011')]] },
  { text: 'Prices peaked last March.', ref: REF, want: [['DATE', 'last March', d('2011-03')]] },
  { text: 'The notes are due March 3, 1990, it said yesterday.', ref: REF, want: [['DATE', 'March 3, 1990', d('1990-03-03')], ['DATE', 'yesterday', d('2012-02-28')]] },
  { text: 'It will close by mid-1987 or end-December 1988.', want: [['DATE', '1987', d('1987')], ['DATE', 'December 1988', d('1988-12')]] },
  { text: 'The 1986/87 crop and the 1987 first quarter.', want: [['DATE', '1986', d('1986')], ['DATE', '1987', d('1987')]] },
  // Without refDate, dates whose year is not written are left out.
  { text: 'Sales fell last month and will rise on March 3 and Tuesday, as in April 2010.', want: [['DATE', 'April 2010', d('2010-04')]] },
];

const NEGATIVE_CASES: Case[] = [
  { text: '', ref: REF, want: [] },
  { text: 'BMW sold more 5 Series cars.', ref: REF, want: [] },
  { text: 'May said she would stay.', ref: REF, want: [] },
  { text: 'It bought a stake in May Department Stores.', ref: REF, want: [] },
  { text: 'Boeing 747 orders rose, Sun Co said.', ref: REF, want: [] },
  { text: 'Call 212-555-1987 or (212) 555-1234 for details.', ref: REF, want: [] },
  { text: 'It issued 2011 shares and employs 2000 workers.', ref: REF, want: [] },
  { text: 'Trading resumes at 1500 GMT.', ref: REF, want: [] },
  { text: 'The farm produced 600 mln pounds of sugar.', ref: REF, want: [] },
  { text: 'It may march on and a dollar may buy less.', ref: REF, want: [] },
];

for (const [name, cases] of [['MONEY', MONEY_CASES], ['PERCENT', PERCENT_CASES], ['DATE', DATE_CASES], ['negative', NEGATIVE_CASES]] as const) {
  test(`findValues: ${name}`, () => { for (const c of cases) check(c); });
}

test('findValues: a malformed refDate is an error', () => {
  assert.throws(() => findValues('in March', { refDate: '29/02/2012' }), DealgraphError);
  assert.throws(() => findValues('in March', { refDate: '2011-02-29' }), DealgraphError);
});

test('findValues: repeated calls give the same result (prepared regexes keep no state)', () => {
  const t = 'Meridian will pay 20 mln dlrs, or 14 pct more, on March 3.';
  assert.deepEqual(findValues(t, { refDate: REF }), findValues(t, { refDate: REF }));
});
