/// <reference lib="dom" />
import type { Coverage, HandoverVM, InheritedRowVM, ShiftVM } from './api-adapter';
import { h, humanStatus, pledgeLink, replace } from './dom';
import { STATUS_COLOURS } from './palette';

export const statusChip = (status: string): HTMLElement =>
  h('span', { class: 'chip', 'data-status': status, style: `--chip:${STATUS_COLOURS[status] ?? '#999'}` }, humanStatus(status));

const beyond = (): HTMLElement => h('span', { class: 'beyond', title: 'After the last document on record: silence here is not a finding' }, 'beyond the record');

function shiftList(title: string, shifts: ShiftVM[], testId: string): HTMLElement {
  return h(
    'div',
    { class: 'shift', 'data-testid': testId },
    h('h4', {}, `${title} (${shifts.length})`),
    shifts.length
      ? h('ul', {}, shifts.map((s) => h('li', {}, s.themeName, ' ', h('span', { class: 'counts' }, `${s.before ?? 0} → ${s.after ?? 0}`), s.beyondRecord ? [' ', beyond()] : null)))
      : h('p', { class: 'empty' }, 'None.'),
  );
}

export function renderHandoverPicker(select: HTMLSelectElement, handovers: HandoverVM[], chosen: string | null): string | null {
  replace(select, handovers.map((x) => h('option', { value: x.key, selected: x.key === chosen }, `${x.from} → ${x.to} (${x.on})`)));
  const key = handovers.some((x) => x.key === chosen) ? chosen : [...handovers].sort((a, b) => b.on.localeCompare(a.on) || a.key.localeCompare(b.key))[0]?.key ?? null;
  if (key) select.value = key;
  return key;
}

/** Rows shown before the rest are folded away. */
const SHOWN = 10;

function inheritedTable(items: InheritedRowVM['items'], caption: string, openPledge: (id: string) => void): HTMLElement {
  return h(
    'table',
    { class: 'inherited', 'data-testid': 'inherited' },
    h('caption', { class: 'sr-only' }, caption),
    h('thead', {}, h('tr', {}, ['Pledge', 'Open at handover', 'Outcome', 'Read on', 'Changes since'].map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      {},
      items.map((p) =>
        h(
          'tr',
          {},
          h('td', {}, pledgeLink(p.id, p.description, openPledge)),
          h('td', {}, statusChip(p.statusAtHandover)),
          h('td', {}, statusChip(p.outcome), p.beyondRecord ? [' ', beyond()] : null),
          h('td', {}, p.outcomeOn),
          h('td', {}, p.steps.length ? p.steps.map((s) => `${humanStatus(s.status)} (${s.on})`).join(', ') : '—'),
        ),
      ),
    ),
  );
}

export function renderHandover(target: HTMLElement, x: HandoverVM | undefined, row: InheritedRowVM, coverage: Coverage, openPledge: (id: string) => void): void {
  const inherited = row.items;
  if (!x) {
    replace(target, h('p', { class: 'empty' }, 'No handover on record by this date.'));
    return;
  }
  replace(
    target,
    h('p', {}, `${x.country}: ${x.from} handed over to ${x.to} on ${x.on}. Counts are occasions agreed before → after${x.comparedUntil ? ` (the successor compared up to ${x.comparedUntil})` : ''}.`),
    x.beyondRecord ? h('p', { class: 'beyond-note' }, beyond(), ' This handover lies after the record\u2019s last fact: nothing is said to continue, start or drop.') : null,
    coverage ? h('p', { class: 'coverage' }, `The record covers ${coverage.from} to ${coverage.to}; anything after is marked "beyond the record".`) : null,
    h('div', { class: 'shifts' }, shiftList('Continued', x.continued, 'continued'), shiftList('Added', x.added, 'added'), shiftList('Dropped', x.dropped, 'dropped')),
    h('h4', {}, `Commitments inherited from ${x.from} (${row.open} open at the handover)`),
    row.outcomes.length
      ? h('p', { 'data-testid': 'outcomes' }, `What became of them${row.outcomeOn ? ` by ${row.outcomeOn}` : ''}: `, row.outcomes.map((o, i) => [i ? ', ' : '', statusChip(o.status), ` ${o.pledges}`]), row.beyondRecord ? [' ', beyond(), ' (read on the record\u2019s last day)'] : null)
      : null,
    inherited.length
      ? [
          inheritedTable(inherited.slice(0, SHOWN), `Pledges open when ${x.from} ended, and what became of each`, openPledge),
          inherited.length > SHOWN
            ? h('details', {}, h('summary', {}, `Show the other ${inherited.length - SHOWN}`), inheritedTable(inherited.slice(SHOWN), `More pledges open when ${x.from} ended`, openPledge))
            : null,
        ]
      : h('p', { class: 'empty' }, 'None open at the handover.'),
    row.listQuery && row.open > inherited.length ? h('p', { class: 'more' }, `First ${inherited.length} of ${row.open}; `, h('a', { href: row.listQuery }, 'all of them (JSON)')) : null,
  );
}
