import { orderTimeline, type StatusEntry } from '@concordat/domain';
import { dateInterval, effectiveEnd } from '@concordat/shared-kernel';
import { meetingOccurrences, pledgeOccurrences, type StoredOccurrence } from '../counting/occurrences';
import { meetingCountries, pledgeCountries, unique } from '../counting/parties';
import type { EntityView } from '../ledger-view/ledger-view';
import type { MeetingView } from '../ledger-view/meeting.view';
import type { PledgeView } from '../ledger-view/pledge.view';
import type { TableName } from './read-model-schema';

export type RowValues = Array<string | number | null>;
/** The tables derived from an entity's body (`entity_rows` keeps the body itself: `entity-history.ts`). */
export type DerivedTable = Exclude<TableName, 'entity_rows'>;
export type DerivedRows = Partial<Record<DerivedTable, RowValues[]>>;

/** Lists as `|a|b|`, so that "contains b" is `LIKE '%|b|%'` whatever the names hold (a party may contain commas). */
export const SEP = '\u001f';
export function listColumn(values: readonly string[]): string {
  return `${SEP}${unique(values).join(SEP)}${SEP}`;
}
/** A list kept in its order, repeats included, and still matched by `inList`; empty is ''. */
export function orderedListColumn(values: readonly string[]): string {
  return values.length === 0 ? '' : `${SEP}${values.join(SEP)}${SEP}`;
}
export function fromOrderedListColumn(column: string): string[] {
  return column === '' ? [] : column.slice(1, -1).split(SEP);
}
export function inList(value: string): string {
  return `%${SEP}${value}${SEP}%`;
}

export const BEFORE_ALL = '0000-01-01';
export const AFTER_ALL = '9999-12-31~';

/**
 * A pledge's status as intervals of effective time: the initial status until the first change
 * counts, each change until the next one counts (`[eff_from, eff_to)`, by the end of each date,
 * in the domain's timeline order). Status on D is the one interval holding D.
 */
export function statusIntervals(pledge: PledgeView, timeline: readonly StatusEntry[] = orderTimeline(pledge.statusEntries)): RowValues[] {
  const steps = [{ status: pledge.initialStatus as string, from: BEFORE_ALL }, ...timeline.map((e) => ({ status: e.status as string, from: effectiveEnd(e.effectiveOn.date) }))];
  const rows: RowValues[] = [];
  steps.forEach((step, i) => {
    const to = i + 1 < steps.length ? steps[i + 1].from : AFTER_ALL;
    if (step.from < to) rows.push([step.status, step.from, to]);
  });
  return rows;
}

function occurrenceRows(list: StoredOccurrence[]): RowValues[] {
  return list.flatMap((o) => {
    const i = dateInterval(o.date);
    const countries = listColumn(o.countries);
    const source = JSON.stringify(o.source);
    return o.countries.map((country) => [country, o.theme, o.occasion, o.kind, o.meetingId, o.pledgeId, o.date, i.from, i.to, o.countsFrom, countries, o.order, o.words, source, o.label, o.madeOn]);
  });
}

function pledgeRows(p: PledgeView): DerivedRows {
  const made = dateInterval(p.madeOn.date);
  const madeEnd = made.to;
  const retracted = p.retraction !== null;
  const timeline = orderTimeline(p.statusEntries);
  const facts: RowValues[] = retracted
    ? []
    : [
        [p.forum, made.from, madeEnd],
        ...timeline.map((e) => {
          const i = dateInterval(e.effectiveOn.date);
          return [p.forum, i.from, i.to > madeEnd ? i.to : madeEnd];
        }),
      ];
  return {
    pledge_rows: [[madeEnd, made.from, made.to, p.forum, retracted ? 1 : 0, listColumn(pledgeCountries(p)), listColumn([...p.by, ...p.accountable, ...p.implementers, ...p.beneficiaries]), orderedListColumn(p.themes), p.description, p.madeOn.date]],
    status_rows: statusIntervals(p, timeline),
    agreement_rows: occurrenceRows(pledgeOccurrences(p)),
    fact_rows: facts,
  };
}

function meetingRows(m: MeetingView, forumParties: readonly string[]): DerivedRows {
  const held = dateInterval(m.heldOn.date);
  const retracted = m.retraction !== null;
  return {
    meeting_rows: [[held.to, held.from, held.to, m.forum, retracted ? 1 : 0, listColumn(meetingCountries(m, forumParties)), listColumn(m.priorities.map((p) => p.theme)), m.sequence, m.title, m.heldOn.date]],
    agreement_rows: occurrenceRows(meetingOccurrences(m, forumParties)),
    fact_rows: retracted ? [] : [[m.forum, held.from, held.to]],
  };
}

/** Every row an entity's current version stands for, by table (besides its body). Meetings read their forum's parties. */
export function deriveRows(entity: EntityView, forumParties: (forum: string) => readonly string[]): DerivedRows {
  if (entity.entityKind === 'pledge') return pledgeRows(entity);
  if (entity.entityKind === 'meeting') return meetingRows(entity, forumParties(entity.forum));
  return {};
}
