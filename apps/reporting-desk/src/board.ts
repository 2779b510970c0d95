/// <reference lib="dom" />
import * as Plot from '@observablehq/plot';
import type { BoardFilters, BoardVM, ReferenceVM } from './api-adapter';
import { h, humanStatus, replace } from './dom';
import { statusChip } from './handovers';
import { FIRMNESS, FIRMNESS_COLOURS, STATUSES } from './palette';

/** The board's filter form; every control is labelled, and a change goes straight to the URL. */
export function renderBoardFilters(form: HTMLFormElement, ref: ReferenceVM, filters: BoardFilters, onChange: (f: BoardFilters) => void): void {
  const select = (name: keyof BoardFilters, label: string, options: Array<{ id: string; label: string }>) =>
    h('label', {}, label, ' ', h('select', { name, 'data-filter': name }, h('option', { value: '' }, 'any'), options.map((o) => h('option', { value: o.id, selected: filters[name] === o.id }, o.label))));
  const selectedStatuses = new Set((filters.status ?? '').split(',').filter(Boolean));
  replace(
    form,
    h(
      'fieldset',
      { class: 'statuses' },
      h('legend', {}, 'Status'),
      STATUSES.map((s) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'status', value: s, checked: selectedStatuses.has(s) }), ' ', humanStatus(s))),
    ),
    select('theme', 'Theme', ref.themes),
    select('party', 'Party', ref.parties),
    select('forum', 'Forum', ref.forums),
    select('administration', 'Administration', ref.administrations),
    h('label', {}, 'Made from ', h('input', { type: 'date', name: 'madeFrom', value: filters.madeFrom ?? '' })),
    h('label', {}, 'Made to ', h('input', { type: 'date', name: 'madeTo', value: filters.madeTo ?? '' })),
    h('button', { type: 'reset' }, 'Clear filters'),
  );
  const read = (): BoardFilters => {
    const data = new FormData(form);
    const f: BoardFilters = {};
    const statuses = data.getAll('status').map(String);
    if (statuses.length) f.status = statuses.join(',');
    for (const key of ['theme', 'party', 'forum', 'administration', 'madeFrom', 'madeTo'] as const) {
      const v = String(data.get(key) ?? '');
      if (v) f[key] = v;
    }
    return f;
  };
  form.onchange = () => onChange(read());
  form.onreset = () => setTimeout(() => onChange({}), 0);
  form.onsubmit = (e) => e.preventDefault();
}

const fmt = (n: number): string => (n >= 1e9 ? `${(n / 1e9).toFixed(2)} bn` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} m` : n.toLocaleString('en'));

export function renderBoard(target: HTMLElement, vm: BoardVM, openPledge: (id: string) => void, page: (offset: number) => void): void {
  const first = vm.total ? vm.offset + 1 : 0;
  const last = vm.offset + vm.rows.length;
  const facts = vm.rows.flatMap((r) => r.money.map((m) => ({ ...m, pledge: r.id })));
  const sums = new Map<string, { firmness: string; currency: string; amount: number }>();
  for (const m of facts) {
    const key = `${m.currency}|${m.firmness}`;
    const s = sums.get(key) ?? { firmness: m.firmness, currency: m.currency, amount: 0 };
    s.amount += m.amount;
    sums.set(key, s);
  }
  const money = [...sums.values()];
  const moneyChart = money.length
    ? Plot.plot({
        ariaLabel: `Money by firmness on pledges ${first} to ${last}`,
        ariaDescription: 'Pledged, committed, allocated and disbursed amounts are different facts; bars are summed per currency over the pledges listed.',
        width: 520,
        height: 60 + new Set(money.map((m) => m.currency)).size * 110,
        marginLeft: 80,
        marginRight: 80,
        x: { label: 'Amount', tickFormat: fmt },
        y: { domain: FIRMNESS, label: null },
        fy: { label: null },
        color: { domain: FIRMNESS, range: FIRMNESS_COLOURS },
        marks: [
          Plot.barX(money, { x: 'amount', y: 'firmness', fy: 'currency', fill: 'firmness', title: (m: { amount: number; currency: string; firmness: string }) => `${m.firmness}: ${fmt(m.amount)} ${m.currency}` }),
          Plot.text(money, { x: 'amount', y: 'firmness', fy: 'currency', text: (m: { amount: number; currency: string }) => `${fmt(m.amount)} ${m.currency}`, dx: 4, textAnchor: 'start' }),
        ],
      })
    : h('p', { class: 'empty' }, 'No money facts on these pledges.');
  replace(
    target,
    h('div', { class: 'money', 'data-testid': 'money' }, h('h3', {}, `Money by firmness (the ${vm.rows.length} pledges listed below)`), moneyChart),
    h('p', { 'data-testid': 'board-count', 'aria-live': 'polite' }, `${vm.total} pledges as of ${vm.asOf}; showing ${first}–${last}.`),
    h(
      'table',
      { class: 'board', 'data-testid': 'board' },
      h('caption', { class: 'sr-only' }, 'Commitments board'),
      h('thead', {}, h('tr', {}, ['Pledge', 'Status', 'Made', 'Last change', 'Themes', 'By', 'Forum', 'Money', 'History'].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        vm.rows.map((r) =>
          h(
            'tr',
            { 'data-pledge': r.id, 'data-status': r.status },
            h('td', {}, r.description, r.retracted ? h('span', { class: 'badge' }, ' retracted') : null),
            h('td', {}, statusChip(r.status), r.corrections ? h('span', { class: 'badge corrected', title: 'Corrections are on the record; open the history to see them' }, ` corrected ×${r.corrections}`) : null),
            h('td', {}, r.madeOn, r.uncertain ? h('span', { class: 'badge', title: 'The date spans a handover: credited to each candidate' }, ` uncertain attribution${r.uncertain.length ? ` (${r.uncertain.join(', ')})` : ''}`) : null),
            h('td', {}, r.lastChangeOn ?? '—'),
            h('td', {}, r.themes.join(', ')),
            h('td', {}, r.by.join(', ')),
            h('td', {}, r.forum ?? '—'),
            h('td', {}, r.money.map((m) => `${m.firmness} ${fmt(m.amount)} ${m.currency}`).join('; ') || '—'),
            h('td', {}, h('button', { type: 'button', 'data-open-history': r.id, 'aria-label': `Status history of ${r.description}`, onclick: () => openPledge(r.id) }, 'History')),
          ),
        ),
      ),
    ),
    h(
      'nav',
      { class: 'pager', 'aria-label': 'Board pages' },
      h('button', { type: 'button', disabled: vm.offset === 0, onclick: () => page(Math.max(0, vm.offset - vm.limit)) }, '◀ Previous'),
      h('button', { type: 'button', disabled: last >= vm.total, onclick: () => page(vm.offset + vm.limit) }, 'Next ▶'),
    ),
  );
}
