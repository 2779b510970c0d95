import type { Assert, CoversAll } from '../common/type-checks';
import type { SourceRef } from '../common/values';
import type { IsPlainJson } from '../json';

/** A government's term. `endedOn` is null for the incumbent. Dates are full dates. */
export type AdministrationFacts = {
  country: string;
  leader: string;
  startedOn: string;
  endedOn: string | null;
  source: SourceRef;
};

/** The country is part of the id (`US-obama`), so it is not correctable. */
export type AdministrationChanges = Partial<Omit<AdministrationFacts, 'country'>>;

export type AdministrationRegistered = {
  type: 'AdministrationRegistered';
  data: { administrationId: string } & AdministrationFacts;
};

export type AdministrationCorrected = {
  type: 'AdministrationCorrected';
  data: { administrationId: string; reason: string; changes: AdministrationChanges };
};

export type AdministrationEvent = AdministrationRegistered | AdministrationCorrected;

export const ADMINISTRATION_EVENT_TYPES = ['AdministrationRegistered', 'AdministrationCorrected'] as const;

type _Listed = Assert<CoversAll<AdministrationEvent['type'], (typeof ADMINISTRATION_EVENT_TYPES)[number]>>;
type _Json = Assert<IsPlainJson<AdministrationEvent['data']>>;
