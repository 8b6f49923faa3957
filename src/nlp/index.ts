/**
 * The NLP stage's public face: `analyze(text)` gives tokens and sentences
 * (flat typed arrays of offsets) and the entity and value spans found in them:
 * ORG / PER / LOC / MISC from the trained recognizer, MONEY / PERCENT / DATE
 * with normalized values.
 */
import { tokenize, type Tokens } from './tokenize.js';
import { recognize, type EntityType, type NerModel } from './ner/index.js';
import { findValues, type DateValue, type Money, type Percent, type ValueType } from './values.js';

export type SpanType = EntityType | ValueType;
export interface Span {
  type: SpanType;
  text: string;
  start: number;
  end: number;
  value?: Money | Percent | DateValue;
}
export interface Analysis {
  tokens: Tokens;
  /** sorted by start; values win over recognizer spans they overlap */
  spans: Span[];
}
export interface AnalyzeOptions {
  /** the article's publication date, YYYY-MM-DD, to resolve relative dates */
  refDate?: string;
  model?: NerModel;
}

export function analyze(text: string, opts: AnalyzeOptions = {}): Analysis {
  const tokens = tokenize(text);
  const values = findValues(text, { refDate: opts.refDate });
  const names = recognize(tokens, opts.model);
  const spans: Span[] = values.map((v) => ({ type: v.type, text: v.text, start: v.start, end: v.end, value: v.value }));
  // Both lists are sorted by start: keep a name unless it overlaps a value.
  let j = 0;
  for (const e of names) {
    while (j < values.length && values[j].end <= e.start) j++;
    if (j < values.length && values[j].start < e.end) continue;
    spans.push({ type: e.type, text: text.slice(e.start, e.end), start: e.start, end: e.end });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  return { tokens, spans };
}

export { tokenize, tokenText, titleCaseHeadlineEnd, headlineEnd, type Tokens } from './tokenize.js';
export { recognize, type EntitySpan, type EntityType } from './ner/index.js';
export { findValues, type ValueSpan, type Money, type Percent, type DateValue } from './values.js';
