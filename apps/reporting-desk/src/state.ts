/// <reference lib="dom" />
import type { BoardFilters } from './api-adapter';

/** Everything a view depends on, and all of it in the URL, so a view can be shared and reopened exactly. */
export type DeskState = {
  asOf: string;
  knownAt: string | null;
  heatKind: string;
  cell: string | null;
  handover: string | null;
  board: BoardFilters;
  offset: number;
  pledge: string | null;
};

const BOARD_KEYS: Array<keyof BoardFilters> = ['status', 'theme', 'party', 'forum', 'administration', 'madeFrom', 'madeTo'];
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

export function readState(search: string = location.search): DeskState {
  const p = new URLSearchParams(search);
  const board: BoardFilters = {};
  for (const key of BOARD_KEYS) {
    const v = p.get(key);
    if (v) board[key] = v;
  }
  const asOf = p.get('asOf');
  return {
    asOf: asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : todayUtc(),
    knownAt: p.get('knownAt') || null,
    heatKind: p.get('heatKind') ?? '',
    cell: p.get('cell'),
    handover: p.get('handover'),
    board,
    offset: Number(p.get('offset') ?? 0) || 0,
    pledge: p.get('pledge'),
  };
}

export function writeState(s: DeskState): void {
  const p = new URLSearchParams();
  p.set('asOf', s.asOf);
  if (s.knownAt) p.set('knownAt', s.knownAt);
  if (s.heatKind) p.set('heatKind', s.heatKind);
  if (s.cell) p.set('cell', s.cell);
  if (s.handover) p.set('handover', s.handover);
  for (const key of BOARD_KEYS) if (s.board[key]) p.set(key, s.board[key]!);
  if (s.offset) p.set('offset', String(s.offset));
  if (s.pledge) p.set('pledge', s.pledge);
  history.replaceState(null, '', `${location.pathname}?${p.toString()}`);
}
