import fc from 'fast-check';
import { PLEDGE_STATUSES, type PledgeStatus } from '@concordat/domain';
import { effectiveEnd, type RecordedEvent } from '@concordat/shared-kernel';
import { REPORT_NAMES, answerReport, meetingDetail, pledgeDetail, type ReportName, type ReportSource } from '@concordat/read-models';
import { ADMINS, FORUMS, THEMES } from './random-history';

/** One question asked of both the projection and the naive replay. */
export type Sample = {
  /** A day, or the last day (± one) of an effective date in the log: where the asOf rule bites. */
  asOf: string | { event: number; shift: -1 | 0 | 1 } | null;
  /** An exact recordedAt of the log (the boundary case), an offset from the first event, or everything. */
  knownAt: { event: number } | { offsetMs: number } | null;
  filters: Filters;
};

type Filters = {
  theme: string | null;
  country: string | null;
  administration: string | null;
  status: PledgeStatus[] | null;
  party: string | null;
  forum: string | null;
  from: string | null;
  to: string | null;
  kind: 'administration' | 'pair' | null;
  certainOnly: boolean;
  page: { limit: number; offset: number };
};

const fullDate = fc.date({ min: new Date('2006-01-01T00:00:00Z'), max: new Date('2025-05-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

/** Days on which imprecise dates and handovers begin or end count, so boundaries are asked about often. */
const boundaryDate = fc
  .tuple(fc.integer({ min: 2007, max: 2024 }), fc.constantFrom('-12-31', '-12-30', '-01-01', '-01-19', '-01-20', '-11-30', '-12-01', '-05-31'))
  .map(([y, md]) => `${y}${md}`);

export const sampleArb: fc.Arbitrary<Sample> = fc.record({
  asOf: fc.option(fc.oneof(fullDate, boundaryDate, fc.record({ event: fc.nat({ max: 500 }), shift: fc.constantFrom(-1 as const, 0 as const, 1 as const) })), { freq: 4 }),
  knownAt: fc.option(fc.oneof(fc.record({ event: fc.nat({ max: 500 }) }), fc.record({ offsetMs: fc.integer({ min: -1000, max: 40 * 86_400_000 }) })), { freq: 4 }),
  filters: fc.record({
    theme: fc.option(fc.constantFrom(...THEMES)),
    country: fc.option(fc.constantFrom('US', 'MX', 'CA')),
    administration: fc.option(fc.constantFrom(...ADMINS.map((a) => a.id))),
    status: fc.option(fc.subarray([...PLEDGE_STATUSES], { minLength: 1, maxLength: 4 })),
    party: fc.option(fc.constantFrom('US', 'MX', 'DHS')),
    forum: fc.option(fc.constantFrom(...FORUMS.map((f) => f.id))),
    from: fc.option(fullDate),
    to: fc.option(fullDate),
    kind: fc.option(fc.constantFrom('administration' as const, 'pair' as const)),
    certainOnly: fc.boolean(),
    page: fc.record({ limit: fc.integer({ min: 1, max: 6 }), offset: fc.nat({ max: 3 }) }),
  }),
});

export function asOfOf(sample: Sample, events: readonly RecordedEvent[]): string | undefined {
  const a = sample.asOf;
  if (a === null) return undefined;
  if (typeof a === 'string') return a;
  const dated = events.filter((e) => typeof e.metadata.effectiveOn === 'string');
  if (dated.length === 0) return undefined;
  const end = effectiveEnd(dated[a.event % dated.length].metadata.effectiveOn as string);
  return new Date(Date.parse(`${end}T00:00:00Z`) + a.shift * 86_400_000).toISOString().slice(0, 10);
}

export function knownAtOf(sample: Sample, events: readonly RecordedEvent[]): string | undefined {
  const k = sample.knownAt;
  if (k === null || events.length === 0) return undefined;
  if ('event' in k) return events[k.event % events.length].recordedAt;
  return new Date(Date.parse(events[0].recordedAt) + k.offsetMs).toISOString();
}

const u = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

function filtersFor(name: ReportName, f: Filters): object {
  const attribution = f.certainOnly ? ('certain' as const) : undefined;
  switch (name) {
    case 'priorities-by-administration':
      return { country: u(f.country), administration: u(f.administration), kind: u(f.kind), theme: u(f.theme), attribution };
    case 'priority-changes':
      return { country: u(f.country), theme: u(f.theme), attribution };
    case 'inherited-commitments':
      return { country: u(f.country), administration: u(f.administration) };
    case 'pledges':
      return { status: u(f.status), theme: u(f.theme), party: u(f.party), country: u(f.country), forum: u(f.forum), administration: u(f.administration), attribution, madeFrom: u(f.from), madeTo: u(f.to) };
    case 'meetings':
      return { forum: u(f.forum), theme: u(f.theme), country: u(f.country), administration: u(f.administration), attribution, from: u(f.from), to: u(f.to) };
    case 'forum-activity':
      return { forum: u(f.forum) };
    case 'administrations':
      return { country: u(f.country) };
    case 'forums':
      return { party: u(f.party) };
    case 'themes':
      return {};
    default: {
      const _: never = name;
      return {};
    }
  }
}

/** Every answer the read side gives from one source: each report unfiltered, filtered, and a page of it, and every detail. */
export function allAnswers(source: ReportSource, filters: Filters, ids: { pledges: string[]; meetings: string[] }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of REPORT_NAMES) {
    out[name] = JSON.stringify(answerReport(source, name));
    const first = answerReport(source, name, filtersFor(name, filters) as never, filters.page);
    out[`${name} (filtered, paged)`] = JSON.stringify(first);
    if (first.page.nextCursor) out[`${name} (next page)`] = JSON.stringify(answerReport(source, name, filtersFor(name, filters) as never, { limit: filters.page.limit, cursor: first.page.nextCursor }));
  }
  // The board by each status alone (and on the sample's theme), the filter the read models keep ready per status.
  for (const status of PLEDGE_STATUSES) out[`pledges status=${status}`] = JSON.stringify(answerReport(source, 'pledges', { status: [status], theme: u(filters.theme) }, filters.page));
  for (const id of ids.pledges) out[`pledge ${id}`] = JSON.stringify(pledgeDetail(source, id) ?? null);
  for (const id of ids.meetings) out[`meeting ${id}`] = JSON.stringify(meetingDetail(source, id) ?? null);
  return out;
}
