/// <reference lib="dom" />
/** The read API over HTTP: the clock and filters as query parameters, the reader's token, errors, paging, and the shapes every report shares. */
export type Clock = { asOf: string; knownAt: string | null };
export type Coverage = { from: string; to: string } | null;
export type SourceVM = { document: string; locator: string | null; quote: string | null };
export type CorrectionVM = { recordedAt: string; recordedBy: string | null; reason: string; fields: string[] };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Raw = any;

const MAX_PAGES = 10;

const TOKEN_KEY = 'concordat.readToken';

/** The reader's key, when reads need one: kept in this tab's session storage, never in the URL or a cookie. */
export function readToken(): string | null {
  return typeof sessionStorage === 'undefined' ? null : sessionStorage.getItem(TOKEN_KEY);
}

export function storeToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** The Authorization header every read sends when the reader gave a key. */
export function authHeaders(): Record<string, string> {
  const token = readToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly code: string | null = null) {
    super(message);
  }
}

export function query(clock: Clock, extra: Record<string, string | number | undefined> = {}): string {
  const p = new URLSearchParams();
  p.set('asOf', clock.asOf);
  if (clock.knownAt) p.set('knownAt', clock.knownAt);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== '') p.set(k, String(v));
  return p.toString();
}

export async function getJson(path: string, signal?: AbortSignal): Promise<Raw> {
  const res = await fetch(path, { headers: { Accept: 'application/json', ...authHeaders() }, signal });
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    throw new ApiError(res.status, body.message ?? `${res.status} ${res.statusText}`, body.code ?? null);
  }
  return res.json();
}

/** Follows nextCursor, at most MAX_PAGES pages: a view never pulls more than that. */
export async function allPages(path: string, clock: Clock, extra: Record<string, string | number | undefined>, signal?: AbortSignal): Promise<{ items: Raw[]; first: Raw }> {
  let cursor: string | undefined;
  const items: Raw[] = [];
  let first: Raw;
  for (let i = 0; i < MAX_PAGES; i++) {
    const body = await getJson(`${path}?${query(clock, { ...extra, cursor })}`, signal);
    first ??= body;
    items.push(...body.items);
    cursor = body.page?.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return { items, first };
}

export const coverageOf = (body: Raw): Coverage => (body?.coverage?.from && body?.coverage?.to ? { from: body.coverage.from, to: body.coverage.to } : null);
export const clockOf = (body: Raw): Clock => ({ asOf: body.asOf, knownAt: body.knownAt ?? null });
export const source = (s: Raw): SourceVM => ({ document: s?.document ?? '', locator: s?.locator ?? null, quote: s?.quote ?? null });
// recordedBy reaches only auditors once operator identities are withheld from public reads.
export const correction = (c: Raw): CorrectionVM => ({ recordedAt: c.recordedAt, recordedBy: c.recordedBy ?? null, reason: c.reason, fields: c.fields ?? [] });
export const isUncertain = (x: Raw): boolean => x?.attribution === 'uncertain' || x?.uncertain === true;

/** End of a partial date's period: "2016" → 2016-12-31, "2016-10" → 2016-10-31, "2012/2013" → 2013-12-31 (the API's rule for asOf). */
export function endOfPeriod(date: string): string {
  if (date.includes('/')) return endOfPeriod(date.slice(date.indexOf('/') + 1));
  if (/^\d{4}$/.test(date)) return `${date}-12-31`;
  if (/^\d{4}-\d{2}$/.test(date)) {
    const [y, m] = date.split('-').map(Number);
    return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  }
  return date.slice(0, 10);
}

export const withClock = (path: string, clock: Clock, limit: number): string => {
  const [pathname, search = ''] = path.split('?');
  const p = new URLSearchParams(search);
  p.set('asOf', clock.asOf);
  if (clock.knownAt) p.set('knownAt', clock.knownAt);
  p.set('limit', String(limit));
  return `${pathname}?${p.toString()}`;
};

/** Export links honour the same clock and filters as the view. */
export function exportUrl(report: string, clock: Clock, filters: Record<string, string | undefined>, format: 'csv' | 'json'): string {
  return `/v1/exports/${report}?${query(clock, { ...filters, format })}`;
}
