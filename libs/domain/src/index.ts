/** The domain library's public face: pure deciders, their events and commands, and read helpers. No I/O. */
export * from './ledger-inputs';

export * from './decider';
export * from './domain-error';
export * from './domain-events';
export { toEventData, type IsPlainJson } from './json';
export * from './stream-ids';
export type { PartialDate, SourceRef, MoneyFact, MoneyTerms, MoneyPeriod } from './common/values';
export { MONEY_FIRMNESSES } from './common/values';
export { PUBLIC_RECORD, CONTROL_CHARACTERS, EARLIEST_YEAR, LATEST_YEAR, yearInRange } from './common/validation';

export * from './administration/administration.events';
export * from './administration/administration.commands';
export { administrationDecider, type AdministrationState } from './administration/administration.decider';

export * from './forum/forum.events';
export * from './forum/forum.commands';
export { forumDecider, type ForumState } from './forum/forum.decider';

export * from './theme/theme.events';
export * from './theme/theme.commands';
export { themeDecider, type ThemeState } from './theme/theme.decider';

export * from './meeting/meeting.events';
export * from './meeting/meeting.commands';
export { meetingDecider, type MeetingState } from './meeting/meeting.decider';

export * from './pledge/pledge.events';
export * from './pledge/pledge.commands';
export type { PledgeTerms, PledgeCorrectable, MinutesPledge } from './pledge/pledge-terms';
export { pledgeDecider } from './pledge/pledge.decider';
export type { PledgeState, PledgeRecord, StatusEntry, MoneyEntry } from './pledge/pledge.state';
export * from './pledge/pledge-status';
export {
  pledgeTimeline,
  pledgeMoney,
  statusAt,
  currentStatus,
  statusBefore,
  orderTimeline,
  findTimelineProblem,
  type TimelineProblem,
} from './pledge/pledge-timeline';
export { makePledgeCommandsFromMinutes } from './pledge/pledges-from-minutes';
export { moneyPeriodDays, moneyPeriodOf, periodsOverlap, isWithin, type MoneyPeriodDays } from './pledge/money-period';
export { totalMoneyByFirmness, addDecimals, type MoneyTotal, type CountableMoneyFact } from './pledge/money-totals';
