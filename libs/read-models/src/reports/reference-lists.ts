import type { ForumFacts, SourceRef, ThemeFacts } from '@concordat/domain';
import type { CorrectionNote } from '../ledger-view/provenance';
import { inOffice, LedgerIndex } from './ledger-index';
import { sortBy, sortKey } from './refs';

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

export function administrationsList(index: LedgerIndex, filters: { country?: string } = {}): AdministrationItem[] {
  const rows = index.view.administrations
    .filter((a) => !filters.country || a.country === filters.country)
    .map((a) => ({
      id: a.id,
      revision: a.revision,
      country: a.country,
      leader: a.leader,
      startedOn: a.startedOn,
      endedOn: a.endedOn,
      inOffice: inOffice(a, index.asOf),
      source: a.source,
      recordedAt: a.recorded.recordedAt,
      corrections: a.corrections,
    }));
  return sortBy(rows, administrationKey);
}

export const administrationKey = (a: AdministrationItem) => sortKey(a.country, a.startedOn, a.id);

export function forumsList(index: LedgerIndex, filters: { party?: string } = {}): ForumItem[] {
  const rows = [...index.view.forums.values()]
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

export function themesList(index: LedgerIndex): ThemeItem[] {
  const rows = [...index.view.themes.values()].map((t) => ({
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
