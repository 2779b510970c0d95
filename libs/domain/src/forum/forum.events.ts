import type { Assert, CoversAll } from '../common/type-checks';
import type { PartialDate, SourceRef } from '../common/values';
import type { IsPlainJson } from '../json';
import type { ForumKind } from '../ledger-inputs';

export const FORUM_KINDS = [
  'standing-group',
  'working-group',
  'dialogue',
  'initiative',
  'agreement',
  'conference',
  'network',
  'summit',
  'proposed-mechanism',
] as const satisfies readonly ForumKind[];

export type ForumFacts = {
  name: string;
  aliases: string[];
  kind: ForumKind;
  parties: string[];
  description: string | null;
  parentForum: string | null;
  establishedOn: PartialDate | null;
  source: SourceRef;
};

export type ForumRegistered = { type: 'ForumRegistered'; data: { forumId: string } & ForumFacts };

export type ForumCorrected = {
  type: 'ForumCorrected';
  data: { forumId: string; reason: string; changes: Partial<ForumFacts> };
};

export type ForumEvent = ForumRegistered | ForumCorrected;

export const FORUM_EVENT_TYPES = ['ForumRegistered', 'ForumCorrected'] as const;

type _Kinds = Assert<CoversAll<ForumKind, (typeof FORUM_KINDS)[number]>>;
type _Listed = Assert<CoversAll<ForumEvent['type'], (typeof FORUM_EVENT_TYPES)[number]>>;
type _Json = Assert<IsPlainJson<ForumEvent['data']>>;
