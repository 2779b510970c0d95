import { pledgeMade, statusChanged } from '@concordat/domain/testing/pledge-fixtures';
import { sourceRef } from '@concordat/domain/testing/fixtures';
import type { MinutesRecorded } from '@concordat/domain';
import { viewAt } from '../ledger-view/view-at';
import { RecordedLog } from '../testing/recorded-events';
import { paginate } from './paging';
import { runReport } from './report-catalog';

const T = '2025-01-01T10:00:00.000Z';
const PUBLIC = { document: 'public-record', locator: null, quote: null, note: null };

function minutes(meetingId: string, heldOn: string, themes: string[]): MinutesRecorded {
  return {
    type: 'MinutesRecorded',
    data: {
      meetingId, forum: 'scg', title: meetingId, sequence: null, heldOn: { date: heldOn, approximate: false, reasoning: null }, place: null, hostCountry: null,
      coChairs: [], delegations: [], summary: null, priorities: themes.map((theme) => ({ theme, statement: theme, source: sourceRef() })), source: sourceRef(), pledges: [],
    },
  };
}

/**
 * Given: two US administrations and one MX; the SCG (US, MX) met "in 2015" and "in January 2017".
 * January 2017 counts on 2017-01-31 — after the US handover of 2017-01-20 — so that meeting falls
 * in the second US administration. A pledge made at the first meeting lapsed "in 2018".
 */
function ledger() {
  const log = new RecordedLog();
  const admin = (administrationId: string, country: string, startedOn: string, endedOn: string | null) =>
    log.record('administration', administrationId, { type: 'AdministrationRegistered', data: { administrationId, country, leader: administrationId, startedOn, endedOn, source: PUBLIC } }, T);
  admin('US-a', 'US', '2009-01-20', '2017-01-19');
  admin('US-b', 'US', '2017-01-20', null);
  admin('MX-a', 'MX', '2012-12-01', '2018-11-30');
  log.record('forum', 'scg', { type: 'ForumRegistered', data: { forumId: 'scg', name: 'SCG', aliases: [], kind: 'standing-group', parties: ['US', 'MX'], description: null, parentForum: null, establishedOn: null, source: sourceRef() } }, T);
  log.record('meeting', 'm1', minutes('m1', '2015', ['counter-narcotics', 'cybersecurity']), T);
  log.record('meeting', 'm2', minutes('m2', '2017-01', ['counter-narcotics', 'migration']), T);
  log.record('pledge', 'p1', pledgeMade({ pledgeId: 'p1', meetingId: 'm1', forum: 'scg', madeOn: { date: '2015', approximate: false, reasoning: null } }), T);
  log.record('pledge', 'p1', { ...statusChanged('entry-1', 'agreed', 'lapsed', '2018'), data: { ...statusChanged('entry-1', 'agreed', 'lapsed', '2018').data, pledgeId: 'p1' } }, T);
  return viewAt(log.events, { asOf: '2019-12-31' });
}

const themesOf = (row: { themes: Array<{ theme: string; timesAgreed: number }> }) => row.themes.map((t) => `${t.theme}:${t.timesAgreed}`);

describe('reports over a small ledger', () => {
  it('priorities by administration: a meeting falls in the administration in office at the end of its date; pairs cover the overlap', () => {
    const rows = runReport(ledger(), 'priorities-by-administration');
    expect(rows.map((r) => [r.key, r.from, r.to])).toEqual([
      ['MX-a', '2012-12-01', '2018-11-30'],
      ['US-a', '2009-01-20', '2017-01-19'],
      ['US-b', '2017-01-20', null],
      ['US-a+MX-a', '2012-12-01', '2017-01-19'],
      ['US-b+MX-a', '2017-01-20', '2018-11-30'],
    ]);
    expect(rows.map(themesOf)).toEqual([
      ['counter-narcotics:2', 'cybersecurity:1', 'migration:1'],
      ['counter-narcotics:1', 'cybersecurity:1'],
      ['counter-narcotics:1', 'migration:1'],
      ['counter-narcotics:1', 'cybersecurity:1'],
      ['counter-narcotics:1', 'migration:1'],
    ]);
    expect(rows[1].themes[1]).toMatchObject({ theme: 'cybersecurity', meetings: [{ id: 'm1' }], pledges: [{ id: 'p1', status: 'lapsed' }] });
  });

  it('priority changes: continued, added and dropped at the US handover', () => {
    const [change] = runReport(ledger(), 'priority-changes', { country: 'US' });
    expect(change).toMatchObject({ key: 'US-a>US-b', handoverOn: '2017-01-20' });
    expect([change.continued, change.added, change.dropped].map((list) => list.map((s) => s.theme))).toEqual([['counter-narcotics'], ['migration'], ['cybersecurity']]);
    expect(change.continued[0].after?.meetings.map((m) => m.id)).toEqual(['m2']);
  });

  it('inherited commitments: open at the end of US-a, lapsed under US-b; and MX-a, whose end precedes "2018"\'s end, also handed it over open', () => {
    const rows = runReport(ledger(), 'inherited-commitments');
    expect(rows.map((r) => [r.key, r.successor?.id ?? null, r.pledges.map((p) => `${p.id}:${p.statusAtHandover}->${p.outcome}@${p.outcomeOn}`)])).toEqual([
      ['US-a', 'US-b', ['p1:agreed->lapsed@2019-12-31']],
      // "lapsed in 2018" counts on 2018-12-31, after MX-a's last day (2018-11-30); no successor is registered, so the outcome is as of asOf.
      ['MX-a', null, ['p1:agreed->lapsed@2019-12-31']],
    ]);
  });

  it('forum activity: meetings per year from the first to asOf, and every gap including the silence since the last', () => {
    const [scg] = runReport(ledger(), 'forum-activity');
    expect(scg.perYear.map((y) => y.meetings)).toEqual([1, 0, 1, 0, 0]);
    expect(scg.gaps.map((g) => [g.from, g.to, g.days])).toEqual([
      ['2015-12-31', '2017-01-31', 397],
      ['2017-01-31', '2019-12-31', 1064],
    ]);
  });

  it('the board filters by administration through the same rule', () => {
    expect(runReport(ledger(), 'pledges', { administration: 'US-a' }).map((p) => p.id)).toEqual(['p1']);
    expect(runReport(ledger(), 'pledges', { administration: 'US-b' })).toEqual([]);
    expect(runReport(ledger(), 'pledges', { status: ['lapsed'] })[0]).toMatchObject({ ageDays: 1461, lastChange: { status: 'lapsed', previousStatus: 'agreed' } });
  });
});

describe('paging', () => {
  const rows = ['a', 'b', 'c', 'd', 'e'];
  it('continues strictly after the cursor, even when the row it names is gone', () => {
    const first = paginate(rows, (r) => r, { limit: 2 });
    expect(first).toMatchObject({ items: ['a', 'b'], page: { total: 5 } });
    const second = paginate(rows.filter((r) => r !== 'b'), (r) => r, { limit: 2, cursor: first.page.nextCursor! });
    expect(second).toMatchObject({ items: ['c', 'd'], page: { total: 3 } });
    expect(paginate(rows, (r) => r, { limit: 2, cursor: second.page.nextCursor! })).toMatchObject({ items: ['e'], page: { nextCursor: null } });
    expect(paginate(rows, (r) => r, { limit: 2, offset: 4 }).items).toEqual(['e']);
  });
});
