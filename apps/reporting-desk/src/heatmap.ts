/// <reference lib="dom" />
import * as Plot from '@observablehq/plot';
import type { CellVM, ColumnVM, HeatmapVM, RefVM } from './api-adapter';
import { h, humanStatus, pledgeLink, replace } from './dom';
import { HEAT_SCHEME } from './palette';

export const cellKey = (c: { column: string; theme: string }): string => `${c.column}|${c.theme}`;
type Slot = { column: string; themeName: string; cell: CellVM | null };

/** Themes (rows) by administration and US×MX pair (columns); the count is printed in each cell, uncertain occasions beside it with a "?". */
export function renderHeatmap(target: HTMLElement, vm: HeatmapVM, selected: string | null, onSelect: (key: string) => void): void {
  if (!vm.cells.length) {
    replace(target, h('p', { class: 'empty' }, `No theme agreed on record as of ${vm.asOf}.`));
    return;
  }
  const byKey = new Map(vm.cells.map((c) => [cellKey(c), c]));
  const slots: Slot[] = vm.columns.flatMap((col) => vm.themes.map((t) => ({ column: col.key, themeName: t.name, cell: byKey.get(`${col.key}|${t.id}`) ?? null })));
  const filled = slots.filter((s) => s.cell);
  const labels = new Map(vm.columns.map((c) => [c.key, c.label]));
  const max = Math.max(1, ...vm.cells.map((c) => c.occasions));
  const columnIndex = new Map(vm.columns.map((c, i) => [c.key, i]));
  const themeIndex = new Map(vm.themes.map((t, i) => [t.id, i]));
  const ariaOf = (c: CellVM) => `${c.themeName}, ${labels.get(c.column)}: ${c.occasions} occasion${c.occasions === 1 ? '' : 's'} agreed${c.uncertain ? `, ${c.uncertain} uncertain` : ''}, ${c.first} to ${c.last}`;
  const chart = Plot.plot({
    ariaLabel: `Heatmap of themes agreed by administration, as of ${vm.asOf}`,
    ariaDescription: 'Each cell is the number of occasions (meetings or documents) a theme was agreed. The grid is one Tab stop: arrow keys move between cells (Home and End to a row\u2019s ends), Enter lists the meetings and pledges behind a cell.',
    width: Math.max(640, 200 + vm.columns.length * 52),
    height: 90 + vm.themes.length * 22 + 110,
    marginLeft: 250,
    marginBottom: 120,
    padding: 0.04,
    x: { domain: vm.columns.map((c) => c.key), tickFormat: (k: string) => labels.get(k) ?? k, tickRotate: -40, label: null },
    y: { domain: vm.themes.map((t) => t.name), label: null },
    color: { type: 'linear', scheme: HEAT_SCHEME, domain: [0, max], legend: true, label: 'Occasions agreed', ticks: Math.min(max, 6) },
    marks: [
      Plot.cell(slots, { x: 'column', y: 'themeName', fill: '#f4f4f4', stroke: '#ddd', ariaHidden: 'true' }),
      Plot.cell(filled, {
        x: 'column',
        y: 'themeName',
        fill: (s: Slot) => s.cell!.occasions,
        stroke: (s: Slot) => (cellKey(s.cell!) === selected ? '#000' : 'none'),
        strokeWidth: 2.5,
        ariaLabel: (s: Slot) => ariaOf(s.cell!),
        render: (index, scales, values, dimensions, context, next) => {
          const g = next!(index, scales, values, dimensions, context)!;
          g.querySelectorAll('rect').forEach((rect, i) => {
            const cell = filled[index[i]].cell!;
            const key = cellKey(cell);
            rect.setAttribute('tabindex', '-1');
            rect.setAttribute('role', 'button');
            rect.setAttribute('data-cell', key);
            rect.setAttribute('data-col', String(columnIndex.get(cell.column)));
            rect.setAttribute('data-row', String(themeIndex.get(cell.theme)));
            rect.setAttribute('data-occasions', String(cell.occasions));
            rect.setAttribute('data-uncertain', String(cell.uncertain));
            rect.setAttribute('class', 'heat-cell');
            rect.addEventListener('click', () => onSelect(key));
            rect.addEventListener('keydown', (e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onSelect(key);
              } else if (moveFocus(g, rect, e.key)) e.preventDefault();
            });
          });
          return g;
        },
      }),
      Plot.text(filled, {
        x: 'column',
        y: 'themeName',
        text: (s: Slot) => (s.cell!.uncertain ? `${s.cell!.occasions} +${s.cell!.uncertain}?` : String(s.cell!.occasions)),
        fill: (s: Slot) => (s.cell!.occasions > max * 0.55 ? 'white' : 'black'),
        fontSize: 11,
        pointerEvents: 'none',
        ariaHidden: 'true',
      }),
      Plot.cell(
        filled.filter((s) => s.cell!.uncertain > 0),
        { x: 'column', y: 'themeName', fill: 'none', stroke: '#D55E00', strokeDasharray: '3,2', strokeWidth: 1.5, ariaHidden: 'true', inset: 2 },
      ),
    ],
  });
  // The colour legend Plot draws beside the chart says what it is (the counts are also printed in the cells).
  chart.querySelectorAll('svg:not([aria-label])').forEach((svg) => svg.setAttribute('aria-label', `Colour scale: occasions agreed, 0 to ${max}`));
  replace(target, chart);
  // One Tab stop for the whole grid (the selected cell, else the first): arrow keys move inside it.
  const cells = Array.from(chart.querySelectorAll<SVGElement>('[data-cell]'));
  const stop = cells.find((c) => c.getAttribute('data-cell') === selected) ?? [...cells].sort((a, b) => Number(a.dataset.row) - Number(b.dataset.row) || Number(a.dataset.col) - Number(b.dataset.col))[0];
  stop?.setAttribute('tabindex', '0');
}

/** The nearest filled cell in the arrow's direction (empty cells are skipped); Home/End: the row's first and last. */
function moveFocus(grid: Element, from: SVGElement, key: string): boolean {
  const col = Number(from.dataset.col);
  const row = Number(from.dataset.row);
  const cells = Array.from(grid.querySelectorAll<SVGElement>('[data-cell]')).map((el) => ({ el, col: Number(el.dataset.col), row: Number(el.dataset.row) }));
  const inRow = cells.filter((c) => c.row === row).sort((a, b) => a.col - b.col);
  const inCol = cells.filter((c) => c.col === col).sort((a, b) => a.row - b.row);
  const target =
    key === 'ArrowRight' ? inRow.find((c) => c.col > col)
    : key === 'ArrowLeft' ? [...inRow].reverse().find((c) => c.col < col)
    : key === 'ArrowDown' ? inCol.find((c) => c.row > row)
    : key === 'ArrowUp' ? [...inCol].reverse().find((c) => c.row < row)
    : key === 'Home' ? inRow[0]
    : key === 'End' ? inRow[inRow.length - 1]
    : undefined;
  if (!['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp', 'Home', 'End'].includes(key)) return false;
  if (target && target.el !== from) {
    from.setAttribute('tabindex', '-1');
    target.el.setAttribute('tabindex', '0');
    target.el.focus();
  }
  return true;
}

const columnOf = (vm: HeatmapVM, key: string): ColumnVM | undefined => vm.columns.find((c) => c.key === key);

/** What is behind one cell: the occasions' words and sources, the meetings and the pledges. */
export function renderCellDetails(target: HTMLElement, vm: HeatmapVM, key: string | null, openPledge: (id: string) => void, lists?: { meetings: RefVM[]; pledges: RefVM[]; totals: { meetings: number; pledges: number } }): void {
  const cell = key ? vm.cells.find((c) => cellKey(c) === key) : undefined;
  if (!cell) {
    replace(target, h('p', { class: 'hint' }, key ? `Nothing agreed on that theme there as of ${vm.asOf}.` : 'Choose a cell (click it, or Tab to the heatmap, move with the arrow keys and press Enter) to see the meetings and pledges behind it.'));
    return;
  }
  const col = columnOf(vm, cell.column);
  const meetings = lists?.meetings ?? cell.meetings;
  const pledges = lists?.pledges ?? cell.pledges;
  const apart = (r: RefVM) => (r.uncertain ? h('span', { class: 'candidates' }, ` · uncertain${r.candidates?.length ? `: could belong to ${r.candidates.join(', ')}` : ''}`) : null);
  const certain = cell.evidence.filter((e) => !e.uncertain);
  const uncertain = cell.evidence.filter((e) => e.uncertain);
  const evidenceList = (items: typeof cell.evidence) =>
    h(
      'ol',
      { class: 'evidence' },
      items.map((e) =>
        h(
          'li',
          {},
          h('span', { class: 'kind' }, e.kind === 'pledge' ? 'Pledge' : 'Meeting'),
          ' ',
          e.kind === 'pledge' && e.id ? pledgeLink(e.id, e.words, openPledge) : h('span', {}, e.words),
          e.candidates.length ? h('span', { class: 'candidates' }, ` (could belong to: ${e.candidates.join(', ')})`) : null,
          h('blockquote', {}, e.source.quote ?? '(no quote recorded)'),
          h('cite', {}, [e.source.document, e.source.locator].filter(Boolean).join(', ')),
        ),
      ),
    );
  replace(
    target,
    h('h3', { id: 'cell-title' }, `${cell.themeName} — ${col?.label ?? cell.column}`),
    h(
      'p',
      { 'data-testid': 'cell-summary' },
      `${cell.occasions} occasion${cell.occasions === 1 ? '' : 's'} agreed, first ${cell.first}, last ${cell.last}`,
      cell.uncertain ? `; ${cell.uncertain} more whose date spans a handover (shown apart below)` : '',
      cell.pledgesAgreed !== null ? `; ${cell.pledgesAgreed} agreed pledge${cell.pledgesAgreed === 1 ? '' : 's'} certainly in this period` : '',
      '.',
    ),
    h('h4', {}, 'Meetings'),
    meetings.length ? h('ul', { 'data-testid': 'cell-meetings' }, meetings.map((m) => h('li', {}, `${m.on} · ${m.label}`, apart(m)))) : h('p', {}, 'None: agreed in documents only.'),
    lists && lists.totals.meetings > meetings.length ? h('p', { class: 'more' }, `First ${meetings.length} of ${lists.totals.meetings} meetings; `, h('a', { href: cell.more?.meetings ?? '#' }, 'all of them (JSON)')) : null,
    h('h4', {}, 'Pledges'),
    pledges.length
      ? h('ul', { 'data-testid': 'cell-pledges' }, pledges.map((p) => h('li', {}, pledgeLink(p.id, p.label, openPledge), ` · ${p.on}${p.status ? ` · ${humanStatus(p.status)}` : ''}`, apart(p))))
      : h('p', {}, 'None.'),
    lists && lists.totals.pledges > pledges.length ? h('p', { class: 'more' }, `First ${pledges.length} of ${lists.totals.pledges} pledges; `, h('a', { href: cell.more?.pledges ?? '#' }, 'all of them (JSON)')) : null,
    h('h4', {}, 'Evidence: the parties\u2019 words and the sources'),
    evidenceList(certain),
    uncertain.length ? [h('h4', { class: 'uncertain' }, 'Uncertain attribution (the date spans a handover)'), evidenceList(uncertain)] : null,
  );
}
