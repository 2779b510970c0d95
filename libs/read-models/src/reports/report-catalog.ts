import type { EffectiveView } from '../ledger-view/effective-view';
import { forumActivity, forumActivityKey, type ForumActivityFilters } from './forum-activity';
import { inheritedCommitments, inheritedKey, type InheritedFilters } from './inherited-commitments';
import { MemorySource } from './memory-source';
import { meetingsList, type MeetingFilters } from './meetings';
import { paginate, type Page, type PageRequest } from './paging';
import { pledgesBoard, type PledgeFilters } from './pledges-board';
import { prioritiesByAdministration, prioritiesRowKey, type PrioritiesFilters } from './priorities-by-administration';
import { priorityChangeKey, priorityChanges, type PriorityChangeFilters } from './priority-changes';
import { administrationKey, administrationsList, forumsList, idKey, themesList } from './reference-lists';
import type { ReportSource } from './report-source';

type Entry<F, R> = { page: (source: ReportSource, filters: F, page: PageRequest) => Page<R> };

/** A report whose rows are few (one per administration, handover or forum): computed whole, then paged. */
const whole = <F, R>(rows: (source: ReportSource, filters: F) => R[], key: (row: R) => string): Entry<F, R> => ({
  page: (source, filters, page) => paginate(rows(source, filters), key, page),
});
/** A list the source pages itself (in SQLite, for the read models). */
const paged = <F, R>(page: Entry<F, R>['page']): Entry<F, R> => ({ page });

/**
 * Every list the read side answers, by name: the HTTP layer, the replay command and the
 * property tests all go through this one table, so none of them can drift from the others.
 */
export const REPORTS = {
  'priorities-by-administration': whole<PrioritiesFilters, ReturnType<typeof prioritiesByAdministration>[number]>(prioritiesByAdministration, prioritiesRowKey),
  'priority-changes': whole<PriorityChangeFilters, ReturnType<typeof priorityChanges>[number]>(priorityChanges, priorityChangeKey),
  'inherited-commitments': whole<InheritedFilters, ReturnType<typeof inheritedCommitments>[number]>(inheritedCommitments, inheritedKey),
  pledges: paged<PledgeFilters, ReturnType<typeof pledgesBoard>['items'][number]>(pledgesBoard),
  meetings: paged<MeetingFilters, ReturnType<typeof meetingsList>['items'][number]>(meetingsList),
  'forum-activity': whole<ForumActivityFilters, ReturnType<typeof forumActivity>[number]>(forumActivity, forumActivityKey),
  administrations: whole<{ country?: string }, ReturnType<typeof administrationsList>[number]>(administrationsList, administrationKey),
  forums: whole<{ party?: string }, ReturnType<typeof forumsList>[number]>(forumsList, idKey),
  themes: whole<Record<string, never>, ReturnType<typeof themesList>[number]>((source) => themesList(source), idKey),
};

export type ReportName = keyof typeof REPORTS;
export const REPORT_NAMES = Object.keys(REPORTS) as ReportName[];
export type ReportFilters<N extends ReportName> = Parameters<(typeof REPORTS)[N]['page']>[1];
export type ReportRow<N extends ReportName> = ReturnType<(typeof REPORTS)[N]['page']>['items'][number];

export const ALL_ROWS: PageRequest = { limit: Number.MAX_SAFE_INTEGER };

export function answerReport<N extends ReportName>(source: ReportSource, name: N, filters: ReportFilters<N> = {} as ReportFilters<N>, page: PageRequest = ALL_ROWS): Page<ReportRow<N>> {
  const report = REPORTS[name] as unknown as Entry<ReportFilters<N>, ReportRow<N>>;
  return report.page(source, filters, page);
}

/** Every row of a report over a view (the naive replay): the replay command and the specs use it. */
export function runReport<N extends ReportName>(view: EffectiveView, name: N, filters?: ReportFilters<N>): ReportRow<N>[] {
  return answerReport(new MemorySource(view), name, filters).items;
}
