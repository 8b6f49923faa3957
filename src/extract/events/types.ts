/** The event model's output and its corpus records, shared by the model, training and scoring. */

/** SENTiVENT's 18 event types (Jacobs & Hoste 2021). */
export const EVENT_TYPES = [
  'CSR/Brand', 'Deal', 'Dividend', 'Employment', 'Expense', 'Facility', 'FinancialReport', 'Financing', 'Investment',
  'Legal', 'Macroeconomics', 'Merger/Acquisition', 'Product/Service', 'Profit/Loss', 'Rating', 'Revenue', 'SalesVolume', 'SecurityValue',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface CharSpan { start: number; end: number; text: string }
export interface EventArg extends CharSpan { role: string }

/** One event as `npm run eval -- events` writes it (offsets into the article text). */
export interface EventRecord {
  type: string;
  subtype: string | null;
  trigger: CharSpan;
  args: EventArg[];
  negated: boolean;
  /** SENTiVENT's "other modality" (possible, planned, hypothetical) reads as speculative */
  modality: 'asserted' | 'speculative';
}

/** A predicted event with what produced it. */
export interface PredictedEvent extends EventRecord {
  /** trigger tokens [ts, te) */
  ts: number;
  te: number;
  /** 0..1, from the trigger's score margin over "no event" */
  confidence: number;
  /** strongest features of the trigger decision, when asked for */
  why?: string[];
}

/** A document in the shape of sentivent-dev.jsonl. */
export interface SentiventDoc {
  id: string;
  text: string;
  sentences?: [number, number][];
  events?: {
    type: string; subtype: string | null; trigger: CharSpan; triggerParts?: CharSpan[];
    negated: boolean; otherModality: boolean; args: EventArg[];
  }[];
}
