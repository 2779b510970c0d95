import type { EffectiveView } from '../ledger-view/effective-view';
import { forumActivity, forumActivityKey, type ForumActivityFilters } from './forum-activity';
import { inheritedCommitments, inheritedKey, type InheritedFilters } from './inherited-commitments';
import { LedgerIndex } from './ledger-index';
import { meetingItemKey, meetingsList, type MeetingFilters } from './meetings';
import { pledgeItemKey, pledgesBoard, type PledgeFilters } from './pledges-board';
import { prioritiesByAdministration, prioritiesRowKey, type PrioritiesFilters } from './priorities-by-administration';
import { priorityChangeKey, priorityChanges, type PriorityChangeFilters } from './priority-changes';
import { administrationKey, administrationsList, forumsList, idKey, themesList } from './reference-lists';

type Entry<F, R> = { rows: (index: LedgerIndex, filters?: F) => R[]; key: (row: R) => string };
const entry = <F, R>(rows: Entry<F, R>['rows'], key: Entry<F, R>['key']) => ({ rows, key });

/**
 * Every list the read side answers, by name: the HTTP layer, the replay command and the
 * property tests all go through this one table, so none of them can drift from the others.
 */
export const REPORTS = {
  'priorities-by-administration': entry<PrioritiesFilters, ReturnType<typeof prioritiesByAdministration>[number]>(prioritiesByAdministration, prioritiesRowKey),
  'priority-changes': entry<PriorityChangeFilters, ReturnType<typeof priorityChanges>[number]>(priorityChanges, priorityChangeKey),
  'inherited-commitments': entry<InheritedFilters, ReturnType<typeof inheritedCommitments>[number]>(inheritedCommitments, inheritedKey),
  pledges: entry<PledgeFilters, ReturnType<typeof pledgesBoard>[number]>(pledgesBoard, pledgeItemKey),
  meetings: entry<MeetingFilters, ReturnType<typeof meetingsList>[number]>(meetingsList, meetingItemKey),
  'forum-activity': entry<ForumActivityFilters, ReturnType<typeof forumActivity>[number]>(forumActivity, forumActivityKey),
  administrations: entry<{ country?: string }, ReturnType<typeof administrationsList>[number]>(administrationsList, administrationKey),
  forums: entry<{ party?: string }, ReturnType<typeof forumsList>[number]>(forumsList, idKey),
  themes: entry<Record<string, never>, ReturnType<typeof themesList>[number]>((index) => themesList(index), idKey),
};

export type ReportName = keyof typeof REPORTS;
export const REPORT_NAMES = Object.keys(REPORTS) as ReportName[];
export type ReportFilters<N extends ReportName> = NonNullable<Parameters<(typeof REPORTS)[N]['rows']>[1]>;
export type ReportRow<N extends ReportName> = ReturnType<(typeof REPORTS)[N]['rows']>[number];

export function runReport<N extends ReportName>(view: EffectiveView, name: N, filters?: ReportFilters<N>): ReportRow<N>[] {
  const report = REPORTS[name] as unknown as Entry<ReportFilters<N>, ReportRow<N>>;
  return report.rows(new LedgerIndex(view), filters);
}
