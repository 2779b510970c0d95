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
function baseLog(extra: Array<[string, string, string, string | null]> = []) {
  const log = new RecordedLog();
  const admin = (administrationId: string, country: string, startedOn: string, endedOn: string | null) =>
    log.record('administration', administrationId, { type: 'AdministrationRegistered', data: { administrationId, country, leader: administrationId, startedOn, endedOn, source: PUBLIC } }, T);
  admin('US-a', 'US', '2009-01-20', '2017-01-19');
  admin('US-b', 'US', '2017-01-20', extra.length > 0 ? '2019-05-31' : null);
  admin('MX-a', 'MX', '2012-12-01', '2018-11-30');
  log.record('forum', 'scg', { type: 'ForumRegistered', data: { forumId: 'scg', name: 'SCG', aliases: [], kind: 'standing-group', parties: ['US', 'MX'], description: null, parentForum: null, establishedOn: null, source: sourceRef() } }, T);
  log.record('meeting', 'm1', minutes('m1', '2015', ['counter-narcotics', 'cybersecurity']), T);
  log.record('meeting', 'm2', minutes('m2', '2017-01', ['counter-narcotics', 'migration']), T);
  log.record('pledge', 'p1', pledgeMade({ pledgeId: 'p1', meetingId: 'm1', forum: 'scg', madeOn: { date: '2015', approximate: false, reasoning: null } }), T);
  log.record('pledge', 'p1', { ...statusChanged('entry-1', 'agreed', 'lapsed', '2018'), data: { ...statusChanged('entry-1', 'agreed', 'lapsed', '2018').data, pledgeId: 'p1' } }, T);
  for (const [id, country, startedOn, endedOn] of extra) admin(id, country, startedOn, endedOn);
  return log;
}

function ledger(extra: Array<[string, string, string, string | null]> = []) {
  return viewAt(baseLog(extra).events, { asOf: '2019-12-31' });
}

const themesOf = (row: { themes: Array<{ theme: string; occasions: number; occasionsUncertain: number }> }) => row.themes.map((t) => `${t.theme}:${t.occasions}/${t.occasionsUncertain}`);

describe('reports over a small ledger (the counting rules of libs/read-models/README.md)', () => {
  it('priorities: "2017-01" spans the US handover of 2017-01-20, so it is credited to both US administrations as uncertain; MX-a holds it wholly', () => {
    const rows = runReport(ledger(), 'priorities-by-administration');
    expect(rows.map((r) => [r.key, r.from, r.to])).toEqual([
      ['MX-a', '2012-12-01', '2018-11-30'],
      ['US-a', '2009-01-20', '2017-01-19'],
      ['US-b', '2017-01-20', null],
      ['US-a+MX-a', '2012-12-01', '2017-01-19'],
      ['US-b+MX-a', '2017-01-20', '2018-11-30'],
    ]);
    expect(rows.map(themesOf)).toEqual([
      ['counter-narcotics:2/0', 'cybersecurity:1/0', 'migration:1/0'],
      ['counter-narcotics:2/1', 'cybersecurity:1/0', 'migration:1/1'],
      ['counter-narcotics:1/1', 'migration:1/1'],
      ['counter-narcotics:2/1', 'cybersecurity:1/0', 'migration:1/1'],
      ['counter-narcotics:1/1', 'migration:1/1'],
    ]);
    // One occasion for the meeting's priority and its pledge on the same theme; the pledge counted beside it.
    expect(rows[1].themes[1]).toMatchObject({ theme: 'cybersecurity', occasions: 1, pledges: 1, firstOccasions: [{ meetingId: 'm1', attribution: 'certain' }] });
    expect(rows[1].themes[1].list.pledges).toBe('/v1/pledges?administration=US-a&theme=cybersecurity&asOf=2019-12-31');
    // attribution=certain leaves the uncertain occasions out.
    expect(runReport(ledger(), 'priorities-by-administration', { administration: 'US-b', kind: 'administration', attribution: 'certain' })[0].themes).toEqual([]);
  });

  it('priority changes: migration is on both sides (uncertain), cybersecurity dropped; a handover after the record reads beyond the record', () => {
    const [change] = runReport(ledger(), 'priority-changes', { country: 'US' });
    expect(change).toMatchObject({ key: 'US-a>US-b', handoverOn: '2017-01-20', record: 'within the record', comparedUntil: '2018-12-31' });
    expect([change.continued, change.added, change.dropped].map((list) => list.map((s) => s.theme))).toEqual([['counter-narcotics', 'migration'], [], ['cybersecurity']]);
    const later = ledger([['US-c', 'US', '2019-06-01', null]]);
    const beyond = runReport(later, 'priority-changes', { country: 'US' })[1];
    expect(beyond).toMatchObject({ key: 'US-b>US-c', record: 'beyond the record', continued: [], added: [], dropped: [] });
  });

  it('inherited commitments: outcomes are read no later than the record\'s last day (2018-12-31), and say so', () => {
    const rows = runReport(ledger(), 'inherited-commitments');
    expect(rows.map((r) => [r.key, r.successor?.id ?? null, r.open, r.outcomeOn, r.outcomeRecord, r.pledges.map((p) => `${p.id}:${p.statusAtHandover}->${p.outcome}`)])).toEqual([
      ['US-a', 'US-b', 1, '2018-12-31', 'beyond the record', ['p1:agreed->lapsed']],
      // "lapsed in 2018" counts on 2018-12-31, after MX-a's last day (2018-11-30): handed over open.
      ['MX-a', null, 1, '2018-12-31', 'beyond the record', ['p1:agreed->lapsed']],
    ]);
    expect(rows[0].list).toBe('/v1/pledges?asOf=2017-01-19&country=US&status=not_yet_assessed,agreed,in_progress,stalled,suspended,partially_fulfilled');
  });

  it('forum activity: years from the first meeting (no establishment date), the silence cut at the record\'s end', () => {
    const [scg] = runReport(ledger(), 'forum-activity');
    expect(scg.perYear.map((y) => `${y.year}:${y.meetings}:${y.record}`)).toEqual(['2015:1:within the record', '2016:0:within the record', '2017:1:within the record', '2018:0:within the record', '2019:0:beyond the record']);
    expect(scg.longestGaps.map((g) => [g.from, g.to, g.days])).toEqual([['2015-12-31', '2017-01-31', 397]]);
    expect(scg.silence).toEqual({ fromMeeting: 'm2', from: '2017-01-31', to: '2018-12-31', days: 699, continuesBeyondRecord: true });
  });

  it('the board filters by administration through the same rule', () => {
    const page = { limit: 10 };
    expect(runReport(ledger(), 'pledges', { administration: 'US-a' }).map((p) => p.id)).toEqual(['p1']);
    expect(runReport(ledger(), 'pledges', { administration: 'US-b' })).toEqual([]);
    expect(runReport(ledger(), 'pledges', { status: ['lapsed'] })[0]).toMatchObject({ ageDays: 1461, attribution: 'certain', countries: ['MX', 'US'], lastChange: { status: 'lapsed', previousStatus: 'agreed' } });
    expect(page.limit).toBe(10);
  });
});

describe('agreements: what a government accepted, credited through country parties only', () => {
  function withRecommendations() {
    const log = baseLog();
    const doc = (pledgeId: string, by: string[], status: 'proposed' | 'not_yet_assessed' | 'agreed', madeOn: string) =>
      log.record('pledge', pledgeId, pledgeMade({ pledgeId, meetingId: null, forum: null, by, accountable: [], themes: ['fentanyl'], status, madeOn: { date: madeOn, approximate: false, reasoning: null }, source: { ...sourceRef(), document: `${pledgeId}.pdf` } }), T);
    const change = (pledgeId: string, entryId: string, from: 'proposed' | 'not_yet_assessed', to: 'agreed' | 'lapsed', date: string) =>
      log.record('pledge', pledgeId, { ...statusChanged(entryId, from, to, date), data: { ...statusChanged(entryId, from, to, date).data, pledgeId } }, T);
    doc('academic', ['Wilson Center authors'], 'proposed', '2018-02');
    change('academic', 'a-1', 'proposed', 'agreed', '2019-03');
    doc('lapsed-recommendation', ['US'], 'proposed', '2015-05');
    change('lapsed-recommendation', 'l-1', 'proposed', 'lapsed', '2016');
    doc('unrated', ['US'], 'not_yet_assessed', '2015-06');
    doc('taken-up', ['US'], 'proposed', '2016-03');
    change('taken-up', 't-1', 'proposed', 'agreed', '2018-04');
    return viewAt(log.events, { asOf: '2019-12-31' });
  }

  it('counts a recommendation only from the change that says a government agreed, at that date; never proposed, not_yet_assessed or a lapsed recommendation; an academic author credits nobody', () => {
    const rows = runReport(withRecommendations(), 'priorities-by-administration', { kind: 'administration' });
    const fentanyl = (key: string) => rows.find((r) => r.key === key)!.themes.find((t) => t.theme === 'fentanyl');
    expect(fentanyl('US-a')).toBeUndefined();
    expect(fentanyl('US-b')).toMatchObject({ occasions: 1, pledges: 1, firstAgreedOn: '2018-04', firstOccasions: [{ occasion: 'document:taken-up.pdf', pledgeId: 'taken-up' }] });
    expect(fentanyl('MX-a')).toBeUndefined();
    expect(runReport(withRecommendations(), 'pledges', { administration: 'US-b' }).map((p) => p.id)).toEqual([]);
    expect(runReport(withRecommendations(), 'pledges', { party: 'Wilson Center authors' })[0]).toMatchObject({ id: 'academic', countries: [], administrations: [], attribution: 'none' });
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
