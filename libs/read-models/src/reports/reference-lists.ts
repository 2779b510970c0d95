import type { ForumFacts, SourceRef, ThemeFacts } from '@concordat/domain';
import type { CorrectionNote } from '../ledger-view/provenance';
import { termInterval } from '../counting/attribution';
import { sortBy, sortKey } from './refs';
import type { ReportSource } from './report-source';

/** In office on `date`: started by then and not yet ended (endedOn is the last day in office). */
export function inOffice(a: { startedOn: string; endedOn: string | null }, date: string): boolean {
  const t = termInterval(a);
  return t.from <= date && date <= t.to;
}

export type AdministrationItem = {
  id: string;
  revision: number;
  country: string;
  leader: string;
  startedOn: string;
  /** Null while in office on asOf (an end recorded in advance does not count before it happens). */
  endedOn: string | null;
  inOffice: boolean;
  source: SourceRef;
  recordedAt: string;
  corrections: CorrectionNote[];
};

/** A forum as listed: its facts as recorded (and corrected), with its revision and trail. */
export type ForumItem = { id: string; revision: number } & ForumFacts & { recordedAt: string; corrections: CorrectionNote[] };

export type ThemeItem = { id: string; revision: number } & ThemeFacts & { recordedAt: string; corrections: CorrectionNote[] };

export function administrationsList(source: ReportSource, filters: { country?: string } = {}): AdministrationItem[] {
  const rows = source.administrations()
    .filter((a) => !filters.country || a.country === filters.country)
    .map((a) => ({
      id: a.id,
      revision: a.revision,
      country: a.country,
      leader: a.leader,
      startedOn: a.startedOn,
      endedOn: a.endedOn,
      inOffice: inOffice(a, source.asOf),
      source: a.source,
      recordedAt: a.recorded.recordedAt,
      corrections: a.corrections,
    }));
  return sortBy(rows, administrationKey);
}

export const administrationKey = (a: AdministrationItem) => sortKey(a.country, a.startedOn, a.id);

export function forumsList(source: ReportSource, filters: { party?: string } = {}): ForumItem[] {
  const rows = source.forums()
    .filter((f) => !filters.party || f.parties.includes(filters.party))
    .map(({ entityKind: _entity, id, revision, name, aliases, kind, parties, description, parentForum, establishedOn, source, recorded, corrections }) => ({
      id,
      revision,
      name,
      aliases,
      kind,
      parties,
      description,
      parentForum,
      establishedOn,
      source,
      recordedAt: recorded.recordedAt,
      corrections,
    }));
  return sortBy(rows, idKey);
}

export function themesList(source: ReportSource): ThemeItem[] {
  const rows = source.themes().map((t) => ({
    id: t.id,
    revision: t.revision,
    name: t.name,
    definition: t.definition,
    source: t.source,
    recordedAt: t.recorded.recordedAt,
    corrections: t.corrections,
  }));
  return sortBy(rows, idKey);
}

export const idKey = (x: { id: string }) => sortKey(x.id);
