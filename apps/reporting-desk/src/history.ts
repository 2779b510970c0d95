/// <reference lib="dom" />
import * as Plot from '@observablehq/plot';
import { endOfPeriod, type PledgeVM } from './api-adapter';
import { h, humanStatus, replace } from './dom';
import { statusChip } from './handovers';
import { STATUS_COLOURS } from './palette';

const day = (d: string): Date => new Date(`${endOfPeriod(d)}T00:00:00Z`);
/** One millisecond before an instant: "as the ledger knew it just before this correction". */
export const justBefore = (instant: string): string => new Date(Date.parse(instant) - 1).toISOString();

/** A pledge's status history as a small timeline, each step with its evidence; corrections shown as corrections, never as new statuses. */
export function renderHistory(target: HTMLElement, p: PledgeVM | null, id: string, asOf: string, close: () => void, seeBefore: (knownAt: string) => void): void {
  const header = h('div', { class: 'history-head' }, h('h3', { id: 'history-title', tabindex: '-1' }, p ? p.description : id), h('button', { type: 'button', onclick: close, 'aria-label': 'Close the history' }, 'Close ✕'));
  if (!p) {
    replace(target, header, h('p', { class: 'empty' }, `Pledge ${id} is not on the record as of ${asOf} (or as known then).`));
    return;
  }
  // Labels alternate above and below the line, so steps on the same date stay readable.
  const steps = p.steps.map((s, i) => ({ ...s, date: day(s.on), labelY: i % 2 === 0 ? 0.78 : 0.18 }));
  const lastDay = new Date(Math.max(steps[steps.length - 1].date.getTime(), day(asOf).getTime()));
  const pad = Math.max(30 * 86_400_000, (lastDay.getTime() - steps[0].date.getTime()) * 0.06);
  const chart = Plot.plot({
    ariaLabel: `Status history of ${p.description}`,
    ariaDescription: steps.map((s) => `${humanStatus(s.status)} from ${s.on}`).join('; '),
    width: 720,
    height: 120,
    marginLeft: 30,
    marginRight: 30,
    x: { type: 'utc', label: null, ticks: 6, domain: [new Date(steps[0].date.getTime() - pad), new Date(lastDay.getTime() + pad)] },
    y: { axis: null, domain: [0, 1] },
    marks: [
      Plot.ruleY([0.5], { stroke: '#ccc' }),
      Plot.dot(steps, { x: 'date', y: 0.5, r: 7, fill: (s: { status: string }) => STATUS_COLOURS[s.status] ?? '#999', stroke: (s: { corrections: unknown[] }) => (s.corrections.length ? '#000' : 'white'), strokeWidth: 2, title: (s: { status: string; on: string }) => `${humanStatus(s.status)} (${s.on})` }),
      Plot.text(steps, { x: 'date', y: 'labelY', text: (s: { status: string; corrections: unknown[] }) => `${humanStatus(s.status)}${s.corrections.length ? ' (corrected)' : ''}`, fontSize: 11, textAnchor: 'start', dx: -6 }),
      Plot.ruleX([day(asOf)], { stroke: '#000', strokeDasharray: '2,2' }),
      Plot.text([day(asOf)], { x: (d: Date) => d, y: 0.95, text: () => `as of ${asOf}`, fontSize: 10, textAnchor: 'end', dx: -4 }),
    ],
  });
  const correctionNote = (c: PledgeVM['corrections'][number]) =>
    h(
      'li',
      { class: 'correction' },
      h('strong', {}, 'Correction'),
      ` recorded ${c.recordedAt}${c.recordedBy ? ` by ${c.recordedBy}` : ''} (${c.fields.join(', ')}): ${c.reason} `,
      h('button', { type: 'button', class: 'link', 'data-see-before': c.recordedAt, onclick: () => seeBefore(justBefore(c.recordedAt)) }, 'see as known before it'),
    );
  replace(
    target,
    header,
    h('p', {}, 'Now: ', statusChip(p.status), ` (as of ${p.asOf}${p.knownAt ? `, as known at ${p.knownAt}` : ''})`),
    chart,
    h(
      'ol',
      { class: 'steps', 'data-testid': 'history-steps' },
      p.steps.map((s) =>
        h(
          'li',
          { 'data-status': s.status },
          statusChip(s.status),
          ` ${s.initial ? 'recorded with this status' : `from ${humanStatus(s.previous ?? '?')}`}, effective ${s.on}${s.approximate ? ' (approximate)' : ''}`,
          s.reason ? ` — ${s.reason}` : '',
          h('blockquote', {}, s.evidence.quote ?? '(no quote recorded)'),
          h('cite', {}, [s.evidence.document, s.evidence.locator].filter(Boolean).join(', ')),
          h('p', { class: 'provenance' }, `Recorded ${s.recordedAt}${s.recordedBy ? ` by ${s.recordedBy}` : ''}`),
          s.corrections.length ? h('ul', { class: 'corrections' }, s.corrections.map(correctionNote)) : null,
        ),
      ),
    ),
    p.voided.length ? [h('h4', {}, 'Entries retracted as made in error (shown, not counted)'), h('ul', {}, p.voided.map((v) => h('li', { class: 'voided' }, `${humanStatus(v.status)} (${v.on}): ${v.reason}`)))] : null,
    p.corrections.length ? [h('h4', {}, 'Corrections to the pledge itself'), h('ul', {}, p.corrections.map(correctionNote))] : null,
    p.money.length ? [h('h4', {}, 'Money facts'), h('ul', {}, p.money.map((m) => h('li', {}, `${m.firmness}: ${m.amount.toLocaleString('en')} ${m.currency} (${m.on})`)))] : null,
  );
  target.querySelector<HTMLElement>('#history-title')?.focus();
}
