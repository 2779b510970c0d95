/// <reference lib="dom" />
import { byId } from './dom';

const DAY = 86_400_000;
const toDay = (d: string): number => Math.round(Date.parse(`${d}T00:00:00Z`) / DAY);
const fromDay = (n: number): string => new Date(n * DAY).toISOString().slice(0, 10);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export type ClockControls = { setRange(from: string, to: string, ticks: string[]): void; show(asOf: string, knownAt: string | null): void };
/** The meeting date after or before a date, as the record stands (asked of the API one step at a time). */
export type MeetingStep = (from: string, direction: 'next' | 'previous') => Promise<string | null>;

/**
 * The two clocks: a slider (and a date field) over the record's effective dates for asOf, with
 * buttons to step between meeting dates; a field for knownAt. Arrow keys move the slider a day,
 * PageUp/PageDown further (the browser's range input), the step buttons to the next or previous
 * meeting on record; the slider's ticks are the handovers.
 */
export function mountClocks(onAsOf: (asOf: string) => void, onKnownAt: (knownAt: string | null) => void, step: MeetingStep): ClockControls {
  const range = byId<HTMLInputElement>('asof-range');
  const date = byId<HTMLInputElement>('asof-date');
  const known = byId<HTMLInputElement>('knownat');
  const knownError = byId('knownat-error');
  const stepNote = byId('asof-step-note');
  let timer: ReturnType<typeof setTimeout> | undefined;

  const reflect = (d: string) => {
    range.value = String(toDay(d));
    range.setAttribute('aria-valuetext', d);
    date.value = d;
  };
  const commit = (d: string) => {
    reflect(d);
    onAsOf(d);
  };
  range.addEventListener('input', () => {
    const d = fromDay(Number(range.value));
    date.value = d;
    range.setAttribute('aria-valuetext', d);
    clearTimeout(timer);
    timer = setTimeout(() => onAsOf(d), 250);
  });
  date.addEventListener('change', () => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(date.value)) commit(date.value);
  });
  const stepTo = async (direction: 'next' | 'previous') => {
    stepNote.textContent = '';
    try {
      const to = await step(date.value, direction);
      if (to) commit(to);
      else stepNote.textContent = `No ${direction} meeting on record.`;
    } catch (error) {
      stepNote.textContent = `Could not find the ${direction} meeting: ${error instanceof Error ? error.message : String(error)}`;
    }
  };
  byId('asof-prev').addEventListener('click', () => void stepTo('previous'));
  byId('asof-next').addEventListener('click', () => void stepTo('next'));
  const applyKnown = () => {
    const v = known.value.trim();
    if (v === '') {
      knownError.textContent = '';
      known.removeAttribute('aria-invalid');
      onKnownAt(null);
    } else if (INSTANT.test(v) && !Number.isNaN(Date.parse(v))) {
      knownError.textContent = '';
      known.removeAttribute('aria-invalid');
      onKnownAt(new Date(v).toISOString());
    } else {
      known.setAttribute('aria-invalid', 'true');
      knownError.textContent = 'Give an instant with its zone, e.g. 2025-01-01T00:00:00Z';
    }
  };
  known.addEventListener('change', applyKnown);
  byId('knownat-latest').addEventListener('click', () => {
    known.value = '';
    applyKnown();
  });

  return {
    setRange(from, to, ticks) {
      range.min = String(toDay(from));
      range.max = String(toDay(to));
      const list = byId<HTMLDataListElement>('record-dates');
      list.replaceChildren(...ticks.map((s) => Object.assign(document.createElement('option'), { value: String(toDay(s)), label: s })));
    },
    show(asOf, knownAt) {
      reflect(asOf);
      known.value = knownAt ?? '';
    },
  };
}
