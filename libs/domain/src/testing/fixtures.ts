import type { PartialDate, SourceRef } from '../common/values';
import type { PartialDateInput, SourceInput } from '../ledger-inputs';

/** Small builders shared by the specs: an input and the normalized value it becomes. */
export function sourceInput(quote = 'the exact words', document = '001_4156fcfcdbd386f6.txt'): SourceInput {
  return { document, locator: 'para 2', quote };
}

export function sourceRef(quote = 'the exact words', document = '001_4156fcfcdbd386f6.txt'): SourceRef {
  return { document, locator: 'para 2', quote, note: null };
}

export const PUBLIC_RECORD_INPUT: SourceInput = { document: 'public-record', note: 'inauguration date' };
export const PUBLIC_RECORD_REF: SourceRef = { document: 'public-record', locator: null, quote: null, note: 'inauguration date' };

export function day(date: string): PartialDate {
  return { date, approximate: false, reasoning: null };
}

export function dateInput(date: string): PartialDateInput {
  return { date };
}
