import {
  ADMINISTRATION_EVENT_TYPES,
  FORUM_EVENT_TYPES,
  MEETING_EVENT_TYPES,
  PLEDGE_EVENT_TYPES,
  THEME_EVENT_TYPES,
  parseStreamId,
  type AdministrationEvent,
  type ForumEvent,
  type MeetingEvent,
  type PledgeEvent,
  type StreamCategory,
  type ThemeEvent,
} from '@concordat/domain';
import type { RecordedEvent } from '@concordat/shared-kernel';
import { evolveMeeting, type MeetingView } from './meeting.view';
import { evolvePledge, type PledgeView } from './pledge.view';
import { evolveAdministration, evolveForum, evolveTheme, type AdministrationView, type ForumView, type ThemeView } from './reference.views';

export type EntityView = AdministrationView | ForumView | ThemeView | MeetingView | PledgeView;
export type EntityKind = StreamCategory;

/**
 * Every entity of the ledger, each folded from its own stream only. That independence is what
 * lets the projection store one versioned snapshot per entity and still answer "as known at"
 * exactly like a replay: cross-entity joins happen in the reports, never in the fold.
 */
export interface LedgerView {
  administration: Map<string, AdministrationView>;
  forum: Map<string, ForumView>;
  theme: Map<string, ThemeView>;
  meeting: Map<string, MeetingView>;
  pledge: Map<string, PledgeView>;
}

export function emptyView(): LedgerView {
  return { administration: new Map(), forum: new Map(), theme: new Map(), meeting: new Map(), pledge: new Map() };
}

const TYPES_BY_KIND: Record<EntityKind, readonly string[]> = {
  administration: ADMINISTRATION_EVENT_TYPES,
  forum: FORUM_EVENT_TYPES,
  theme: THEME_EVENT_TYPES,
  meeting: MEETING_EVENT_TYPES,
  pledge: PLEDGE_EVENT_TYPES,
};

/** The entity an event belongs to, or null for streams the read side does not model (idempotency, tests). */
export function entityKeyOf(event: Pick<RecordedEvent, 'streamId' | 'type'>): { kind: EntityKind; id: string } | null {
  const parsed = parseStreamId(event.streamId);
  if (!parsed || !TYPES_BY_KIND[parsed.category].includes(event.type)) return null;
  return { kind: parsed.category, id: parsed.id };
}

/** Folds one event into one entity. Never mutates `current`: stored snapshots may share it. */
export function evolveEntity(kind: EntityKind, current: EntityView | undefined, event: RecordedEvent): EntityView | undefined {
  const domain = { type: event.type, data: event.data };
  switch (kind) {
    case 'administration':
      return evolveAdministration(current as AdministrationView | undefined, domain as AdministrationEvent, event);
    case 'forum':
      return evolveForum(current as ForumView | undefined, domain as ForumEvent, event);
    case 'theme':
      return evolveTheme(current as ThemeView | undefined, domain as ThemeEvent, event);
    case 'meeting':
      return evolveMeeting(current as MeetingView | undefined, domain as MeetingEvent, event);
    case 'pledge':
      return evolvePledge(current as PledgeView | undefined, domain as PledgeEvent, event);
    default: {
      const _: never = kind;
      return current;
    }
  }
}

export function getEntity(view: LedgerView, kind: EntityKind, id: string): EntityView | undefined {
  return (view[kind] as Map<string, EntityView>).get(id);
}

export function putEntity(view: LedgerView, entity: EntityView): void {
  (view[entity.entityKind] as Map<string, EntityView>).set(entity.id, entity);
}

/**
 * Folds one event into the view. The view is an accumulator owned by the caller (copying every
 * map per event would make a 100,000-event replay quadratic); entities themselves are replaced,
 * never mutated.
 */
export function evolveView(view: LedgerView, event: RecordedEvent): LedgerView {
  const key = entityKeyOf(event);
  if (!key) return view;
  const next = evolveEntity(key.kind, getEntity(view, key.kind, key.id), event);
  if (next) putEntity(view, next);
  return view;
}

export function foldView(events: Iterable<RecordedEvent>): LedgerView {
  let view = emptyView();
  for (const event of events) view = evolveView(view, event);
  return view;
}
