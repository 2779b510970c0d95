import type { AdministrationCommand } from './administration/administration.commands';
import { ADMINISTRATION_EVENT_TYPES, type AdministrationEvent } from './administration/administration.events';
import type { ForumCommand } from './forum/forum.commands';
import { FORUM_EVENT_TYPES, type ForumEvent } from './forum/forum.events';
import type { MeetingCommand } from './meeting/meeting.commands';
import { MEETING_EVENT_TYPES, type MeetingEvent } from './meeting/meeting.events';
import type { PledgeCommand } from './pledge/pledge.commands';
import { PLEDGE_EVENT_TYPES, type PledgeEvent } from './pledge/pledge.events';
import type { ThemeCommand } from './theme/theme.commands';
import { THEME_EVENT_TYPES, type ThemeEvent } from './theme/theme.events';

export type DomainEvent = AdministrationEvent | ForumEvent | ThemeEvent | MeetingEvent | PledgeEvent;
export type DomainEventType = DomainEvent['type'];
export type DomainCommand = AdministrationCommand | ForumCommand | ThemeCommand | MeetingCommand | PledgeCommand;

/** Every event type, e.g. for a subscription filter or a projection's "handles" list. */
export const DOMAIN_EVENT_TYPES: readonly DomainEventType[] = [
  ...ADMINISTRATION_EVENT_TYPES,
  ...FORUM_EVENT_TYPES,
  ...THEME_EVENT_TYPES,
  ...MEETING_EVENT_TYPES,
  ...PLEDGE_EVENT_TYPES,
];

export function isDomainEventType(type: string): type is DomainEventType {
  return (DOMAIN_EVENT_TYPES as readonly string[]).includes(type);
}

/**
 * The world's clock of an event (partial date), for the envelope's `metadata.effectiveOn`.
 * Null for events that assert no new fact of the world: corrections and retractions take
 * the effective time of what they correct, and a theme definition has none.
 */
export function effectiveOnOf(event: DomainEvent): string | null {
  switch (event.type) {
    case 'AdministrationRegistered':
      return event.data.startedOn;
    case 'ForumRegistered':
      return event.data.establishedOn?.date ?? null;
    case 'MinutesRecorded':
      return event.data.heldOn.date;
    case 'PledgeMade':
      return event.data.madeOn.date;
    case 'PledgeStatusChanged':
      return event.data.effectiveOn.date;
    case 'PledgeMoneyFactRecorded':
      return event.data.asOf.date;
    case 'ThemeDefined':
    case 'AdministrationCorrected':
    case 'ForumCorrected':
    case 'ThemeCorrected':
    case 'MeetingCorrected':
    case 'MeetingRetracted':
    case 'PledgeCorrected':
    case 'PledgeEntryCorrected':
    case 'PledgeEntryRetracted':
    case 'PledgeRetracted':
      return null;
    default: {
      const _: never = event;
      return null;
    }
  }
}
