/// <reference lib="dom" />
import * as api from './api-adapter';
import { renderBoard, renderBoardFilters } from './board';
import { mountClocks } from './clocks';
import { byId, h, replace, setState } from './dom';
import { renderForums } from './forums';
import { renderHandover, renderHandoverPicker } from './handovers';
import { renderCellDetails, renderHeatmap } from './heatmap';
import { renderHistory } from './history';
import { mountSignIn } from './sign-in';
import { readState, todayUtc, writeState, type DeskState } from './state';

const BOARD_PAGE = 25;
type View = 'heat' | 'handover' | 'forums' | 'board' | 'history';
/**
 * Cheapest first: the service answers a page's requests one after another, and the browser sends
 * six at a time, so the board and the history draw at once instead of after the whole-record reports.
 */
const ALL_VIEWS: View[] = ['board', 'history', 'forums', 'heat', 'handover'];
const FORUMS_SHOWN = 12;

let state: DeskState = readState();
let heat: api.HeatmapVM | null = null;
const inflight = new Map<string, AbortController>();

const clock = (): api.Clock => ({ asOf: state.asOf, knownAt: state.knownAt });

/** Where a section says why it shows nothing; the view's own containers stay in place for the next answer. */
function noteOf(el: HTMLElement): { body: HTMLElement; note: HTMLElement } {
  const body = (el.querySelector(':scope > .body') ?? el) as HTMLElement;
  let note = body.previousElementSibling as HTMLElement | null;
  if (!note?.classList.contains('view-note')) {
    note = h('div', { class: 'view-note' });
    body.before(note);
  }
  return { body, note };
}

/** One request per section at a time: a newer view cancels the older one. */
async function load<T>(section: string, el: HTMLElement, run: (signal: AbortSignal) => Promise<T>, show: (value: T) => void): Promise<void> {
  inflight.get(section)?.abort();
  const ctrl = new AbortController();
  inflight.set(section, ctrl);
  setState(el, 'loading');
  const { body, note } = noteOf(el);
  try {
    const value = await run(ctrl.signal);
    if (ctrl.signal.aborted) return;
    replace(note);
    body.hidden = false;
    show(value);
    setState(el, 'ready', state.asOf, state.knownAt);
  } catch (error) {
    if (ctrl.signal.aborted) return;
    setState(el, 'error');
    body.hidden = true;
    if (signIn.askIfDenied(error)) replace(note, h('p', { class: 'signed-out' }, 'Sign in (at the top of the page) to see this view.'));
    else replace(note, h('p', { class: 'error', role: 'alert' }, `Could not load: ${error instanceof Error ? error.message : String(error)}`));
  }
}

function update(patch: Partial<DeskState>, sections: View[]): void {
  state = { ...state, ...patch };
  writeState(state);
  updateSummary();
  refreshViews(sections);
}

/** Where focus goes back to when a pledge's history is closed: the control that opened it. */
let openedFrom: HTMLElement | null = null;
const openPledge = (id: string) => {
  openedFrom = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  update({ pledge: id }, ['history']);
};
const closePledge = () => {
  update({ pledge: null }, ['history']);
  if (openedFrom?.isConnected) openedFrom.focus();
  openedFrom = null;
};

/** Selecting a cell redraws from the answer already loaded, and keeps keyboard focus on the cell. */
function selectCell(key: string): void {
  update({ cell: key }, []);
  if (!heat) return;
  renderHeatmap(byId('heatmap'), heat, key, selectCell);
  showCellDetails(heat, key);
  byId('heatmap').querySelector<SVGElement>(`[data-cell="${CSS.escape(key)}"]`)?.focus();
}

/** The cell's own references first; when the report row is bounded, the full lists follow from their queries. */
function showCellDetails(vm: api.HeatmapVM, key: string | null): void {
  renderCellDetails(byId('cell-details'), vm, key, openPledge);
  const cell = vm.cells.find((c) => `${c.column}|${c.theme}` === key);
  if (!cell?.more) return;
  void load('cell', byId('cell-details'), (signal) => api.loadCellLists(cell, clock(), signal), (lists) => renderCellDetails(byId('cell-details'), vm, key, openPledge, lists));
}

const refresh = {
  heat: () =>
    load('heat', byId('heatmap-section'), (signal) => api.loadHeatmap(clock(), { kind: state.heatKind || undefined }, signal), (vm) => {
      heat = vm;
      renderHeatmap(byId('heatmap'), vm, state.cell, selectCell);
      showCellDetails(vm, state.cell);
      updateCoverage(vm.coverage);
      updateExports();
    }),
  handover: () =>
    load(
      'handover',
      byId('handover-section'),
      async (signal) => {
        const all = await api.loadHandovers(clock(), signal);
        const key = renderHandoverPicker(byId<HTMLSelectElement>('handover-picker'), all.handovers, state.handover);
        const chosen = all.handovers.find((x) => x.key === key);
        const inherited: api.InheritedRowVM = chosen ? await api.loadInherited(clock(), chosen.from, signal) : { open: 0, beyondRecord: false, outcomeOn: null, outcomes: [], items: [], listQuery: null, coverage: null };
        return { all, chosen, inherited };
      },
      ({ all, chosen, inherited }) => {
        renderHandover(byId('handover'), chosen, inherited, inherited.coverage ?? all.coverage, openPledge);
      },
    ),
  forums: () => load('forums', byId('forums-section'), (signal) => api.loadForums(clock(), FORUMS_SHOWN, signal), (vm) => renderForums(byId('forums'), vm)),
  board: () =>
    load('board', byId('board-section'), (signal) => api.loadBoard(clock(), state.board, state.offset, BOARD_PAGE, signal), (vm) => {
      renderBoard(byId('board'), vm, openPledge, (offset) => update({ offset }, ['board']));
      updateExports();
    }),
  history: async () => {
    const el = byId('history-section');
    if (!state.pledge) {
      el.hidden = true;
      return;
    }
    el.hidden = false;
    const id = state.pledge;
    await load('history', el, (signal) => api.loadPledge(clock(), id, signal), (p) =>
      renderHistory(byId('history'), p, id, state.asOf, closePledge, (knownAt) => setKnownAt(knownAt)),
    );
  },
};

/**
 * How long the whole-record reports wait for the quick views' answers before they are asked anyway.
 * Waiting costs the reports little: the service computes one answer at a time, so asking together
 * only lets a report's seconds of work hold back the board's tenth of a second.
 */
const QUICK_FIRST_MS = 10_000;
let generation = 0;
/** The refresh that last asked for each report: an older refresh still waiting leaves it to the newer one. */
const askedBy = new Map<View, number>();

/**
 * The quick views (board, history, forum timelines) are asked first and the whole-record reports
 * (heatmap, handovers) once those have answered: the service computes one answer at a time, so a
 * report asked at the same moment would hold the board back until it is done.
 */
function refreshViews(views: View[]): void {
  const mine = ++generation;
  const quick = views.filter((v) => v === 'board' || v === 'history' || v === 'forums').map((v) => refresh[v]());
  const reports = views.filter((v) => v === 'heat' || v === 'handover');
  for (const v of reports) {
    askedBy.set(v, mine);
    inflight.get(v)?.abort(); // an answer for the old clock must not be drawn meanwhile
    setState(byId(v === 'heat' ? 'heatmap-section' : 'handover-section'), 'loading');
  }
  const ask = () => {
    for (const v of reports) if (askedBy.get(v) === mine) void refresh[v]();
  };
  if (!quick.length) ask();
  else void Promise.race([Promise.allSettled(quick), new Promise((r) => setTimeout(r, QUICK_FIRST_MS))]).then(ask);
}

function refreshAll(): void {
  refreshViews(ALL_VIEWS);
}

function setKnownAt(knownAt: string | null): void {
  clocks.show(state.asOf, knownAt);
  update({ knownAt }, ALL_VIEWS);
}

function updateSummary(): void {
  byId('clock-summary').textContent = `Showing the record as of ${state.asOf}${state.knownAt ? `, as the ledger knew it at ${state.knownAt}` : ', with everything recorded so far'}.`;
}

function updateCoverage(coverage: api.Coverage): void {
  byId('coverage').textContent = coverage
    ? `The record covers ${coverage.from} to ${coverage.to}: silence after ${coverage.to} is not a finding.`
    : 'The record is drawn from five source documents (2007–2019): silence after the last of them is not a finding.';
}

function updateExports(): void {
  const links: Array<[string, string, Record<string, string | undefined>]> = [
    ['Board', 'pledges', { ...state.board }],
    ['Priorities', 'priorities-by-administration', { kind: state.heatKind || undefined }],
    ['Priority changes', 'priority-changes', {}],
    ['Inherited commitments', 'inherited-commitments', {}],
    ['Forum activity', 'forum-activity', {}],
    ['Meetings', 'meetings', {}],
  ];
  replace(
    byId('exports'),
    links.map(([label, report, filters]) =>
      h('li', {}, `${label}: `, h('a', { href: api.exportUrl(report, clock(), filters, 'csv'), 'data-export': report }, 'CSV'), ' · ', h('a', { href: api.exportUrl(report, clock(), filters, 'json') }, 'JSON')),
    ),
    h('li', {}, 'Status changes: ', h('a', { href: `/v1/feeds/status-changes.atom?asOf=${state.asOf}${state.knownAt ? `&knownAt=${encodeURIComponent(state.knownAt)}` : ''}` }, 'Atom feed')),
    h('li', {}, 'Open data: ', h('a', { href: `/v1/popolo?asOf=${state.asOf}` }, 'Popolo JSON')),
  );
}

/** A plain link cannot send the reader's key: when there is one, an export is fetched with it and saved from memory. */
function exportsWithKey(): void {
  byId('exports').addEventListener('click', (e) => {
    const link = (e.target as Element).closest('a');
    const auth = api.authHeaders();
    if (!link || !auth.Authorization) return;
    e.preventDefault();
    void fetch(link.href, { headers: auth }).then(async (res) => {
      if (!res.ok) {
        signIn.askIfDenied(new api.ApiError(res.status, `${res.status} ${res.statusText}`));
        return;
      }
      const url = URL.createObjectURL(await res.blob());
      const name = new URL(link.href).pathname.split('/').pop() ?? 'export';
      h('a', { href: url, download: link.textContent === 'CSV' ? `${name}.csv` : name.includes('.') ? name : `${name}.json` }).click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });
  });
}

/** New ledger entries arrive over SSE; the page says so and offers to redraw (it never redraws under the reader's feet). */
function watchLedger(): void {
  let count = 0;
  api.watchLedgerEntries((entry) => {
    count++;
    replace(
      byId('live'),
      `${count} new ledger entr${count === 1 ? 'y' : 'ies'} since this page opened (latest: ${entry.type} on ${entry.entity ?? '?'}, position ${entry.position}). `,
      h('button', { type: 'button', onclick: () => { count = 0; replace(byId('live')); refreshAll(); } }, 'Redraw'),
    );
  });
}

const clocks = mountClocks(
  (asOf) => update({ asOf, offset: 0 }, ALL_VIEWS),
  (knownAt) => update({ knownAt }, ALL_VIEWS),
  (from, direction) => api.neighbourMeetingDate(todayUtc(), from, direction),
);

let watching = false;

/** The slider's range, the board's filter lists and the live feed: read once, again after signing in. */
async function loadControls(): Promise<void> {
  const today = todayUtc();
  try {
    const [ref, firstMeeting] = await Promise.all([api.loadReference({ asOf: today, knownAt: null }), api.firstMeetingDate(today)]);
    const handovers = ref.administrations.map((a) => a.from).sort();
    const earliest = [...handovers, ...(firstMeeting ? [firstMeeting] : [])].sort()[0] ?? '2000-01-01';
    clocks.setRange(earliest, today, handovers);
    clocks.show(state.asOf, state.knownAt);
    renderBoardFilters(byId<HTMLFormElement>('board-filters'), ref, state.board, (board) => update({ board, offset: 0 }, ['board']));
    if (!watching) watchLedger();
    watching = true;
    document.body.setAttribute('data-ready', 'true');
  } catch (error) {
    if (!signIn.askIfDenied(error)) throw error;
    document.body.setAttribute('data-ready', 'signed-out');
  }
}

const signIn = mountSignIn(() => {
  refreshAll();
  void loadControls();
});

/** The sticky time controls must never hide what has keyboard focus: scrolling to a focused control leaves room for them. */
function keepFocusInView(): void {
  const header = document.querySelector<HTMLElement>('header.clocks');
  if (!header) return;
  const pad = () => {
    document.documentElement.style.scrollPaddingTop = getComputedStyle(header).position === 'sticky' ? `${header.offsetHeight + 8}px` : '';
  };
  new ResizeObserver(pad).observe(header);
  pad();
}

async function start(): Promise<void> {
  keepFocusInView();
  clocks.show(state.asOf, state.knownAt);
  updateSummary();
  byId<HTMLSelectElement>('heat-kind').value = state.heatKind;
  byId<HTMLSelectElement>('heat-kind').addEventListener('change', (e) => update({ heatKind: (e.target as HTMLSelectElement).value, cell: null }, ['heat']));
  byId<HTMLSelectElement>('handover-picker').addEventListener('change', (e) => update({ handover: (e.target as HTMLSelectElement).value }, ['handover']));
  exportsWithKey();
  // The filter lists and the slider's range are small reads: asked before the views.
  const controls = loadControls();
  refreshAll();
  await controls;
}

void start();
