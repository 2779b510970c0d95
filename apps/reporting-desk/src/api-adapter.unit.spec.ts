import { endOfPeriod, loadForums, loadHeatmap, loadInherited, neighbourMeetingDate } from './api-adapter';

/**
 * The adapter reads both today's report shapes and the counting-rules shapes (occasions with
 * uncertain ones apart, coverage, bounded rows with list queries, "beyond the record"). The
 * stand-in here is a canned read API answering fixed bodies by path: what is tested is the
 * adapter's reading of them, not the API.
 */
function cannedApi(bodies: Record<string, unknown>): string[] {
  const asked: string[] = [];
  (globalThis as { fetch: unknown }).fetch = async (url: string) => {
    asked.push(url);
    const path = url.split('?')[0];
    if (!(path in bodies)) return new Response(JSON.stringify({ message: `no ${path}` }), { status: 404 });
    return new Response(JSON.stringify(bodies[path]), { status: 200 });
  };
  return asked;
}

const clock = { asOf: '2019-06-30', knownAt: null };
const page = { limit: 100, offset: 0, total: 1, nextCursor: null };

describe('the page\'s one adapter over the read API', () => {
  it('today\'s priorities: timesAgreed is the cell, the meetings and pledges are in the row', async () => {
    cannedApi({
      '/v1/reports/priorities-by-administration': {
        asOf: '2019-06-30', knownAt: null, page,
        items: [{ key: 'US-obama', kind: 'administration', from: '2009-01-20', to: '2017-01-19', administrations: [{ id: 'US-obama', country: 'US', leader: 'Barack Obama' }],
          themes: [{ theme: 'cybersecurity', themeName: 'Cybersecurity', timesAgreed: 2, firstAgreedOn: '2015', lastAgreedOn: '2016', meetings: [{ id: 'scg-3', title: 'Third', heldOn: '2015-02-26' }], pledges: [], evidence: [] }] }],
      },
    });
    const vm = await loadHeatmap(clock, {});
    expect(vm.columns).toEqual([{ key: 'US-obama', kind: 'administration', label: 'US Obama', from: '2009-01-20', to: '2017-01-19' }]);
    expect(vm.cells[0]).toMatchObject({ occasions: 2, uncertain: 0, meetings: [{ id: 'scg-3', on: '2015-02-26' }], more: null });
    expect(vm.coverage).toBeNull();
  });

  it('the counting-rules priorities: uncertain occasions apart from the count, first occasions marked, list queries kept', async () => {
    cannedApi({
      '/v1/reports/priorities-by-administration': {
        asOf: '2019-06-30', knownAt: null, page, coverage: { from: '2007-10-22', to: '2019-12-31' },
        items: [{ key: 'MX-pena-nieto', kind: 'administration', from: '2012-12-01', to: '2018-11-30', administrations: [{ id: 'MX-pena-nieto', country: 'MX', leader: 'Enrique Peña Nieto' }],
          themes: [{ theme: 'money-laundering', themeName: 'Money laundering', occasions: 5, occasionsUncertain: 2, pledges: 4, pledgesUncertain: 1, firstAgreedOn: '2012', lastAgreedOn: '2017',
            firstOccasions: [{ occasion: 'document:a.txt', meetingId: null, pledgeId: 'p1', date: '2012/2013', label: 'Joint agenda', attribution: 'uncertain' }],
            evidence: [{ meetingId: null, pledgeId: 'p1', words: 'Joint agenda', source: { document: 'a.txt', locator: 'slide 3', quote: 'q' } }],
            list: { meetings: '/v1/meetings?administration=MX-pena-nieto&theme=money-laundering', pledges: '/v1/pledges?administration=MX-pena-nieto&theme=money-laundering' } }] }],
      },
    });
    const vm = await loadHeatmap(clock, {});
    expect(vm.columns[0].label).toBe('MX Peña Nieto');
    expect(vm.coverage).toEqual({ from: '2007-10-22', to: '2019-12-31' });
    expect(vm.cells[0]).toMatchObject({ occasions: 3, uncertain: 2, pledgesAgreed: 3, pledges: [{ id: 'p1', uncertain: true }], evidence: [{ id: 'p1', uncertain: true }] });
    expect(vm.cells[0].more).toEqual({ meetings: expect.stringContaining('/v1/meetings?'), pledges: expect.stringContaining('/v1/pledges?') });
  });

  it('inherited commitments beyond the record say so, with the outcome counts the report gives', async () => {
    cannedApi({
      '/v1/reports/inherited-commitments': {
        asOf: '2026-01-01', knownAt: null, page, coverage: { from: '2007-10-22', to: '2019-12-31' },
        items: [{ key: 'MX-pena-nieto', administration: { id: 'MX-pena-nieto' }, endedOn: '2018-11-30', record: 'within the record', open: 29, outcomeOn: '2019-12-31', outcomeRecord: 'beyond the record',
          outcomes: [{ status: 'in_progress', pledges: 20 }, { status: 'agreed', pledges: 9 }], pledges: [{ id: 'p1', description: 'd', statusAtHandover: 'in_progress', outcome: 'in_progress' }], list: '/v1/pledges?open=MX-pena-nieto' }],
      },
    });
    const row = await loadInherited({ asOf: '2026-01-01', knownAt: null }, 'MX-pena-nieto');
    expect(row).toMatchObject({ open: 29, beyondRecord: true, outcomeOn: '2019-12-31', outcomes: [{ status: 'in_progress', pledges: 20 }, { status: 'agreed', pledges: 9 }], items: [{ id: 'p1', beyondRecord: true }] });
    expect(row.listQuery).toContain('asOf=2026-01-01');
  });

  it('forum activity: unrecorded sequences and silence from the report when it gives them, else from the meetings\' numbers', async () => {
    const asked = cannedApi({
      '/v1/reports/forum-activity': { asOf: '2019-06-30', knownAt: null, page, items: [{ forum: 'scg', forumName: 'SCG', meetingCount: 3, gaps: [{ from: '2017-10-31', to: '2019-06-30', days: 607, toMeeting: null }], daysSinceLastMeeting: 607 }] },
      '/v1/meetings': { items: [{ id: 'scg-3', title: 'Third', heldOn: { date: '2015-02-26' }, sequence: 3 }, { id: 'scg-5', title: 'Fifth', heldOn: { date: '2016-11-04' }, sequence: 5 }, { id: 'scg-x', title: 'Last', heldOn: { date: '2017-10' }, sequence: null }], page },
    });
    const vm = await loadForums(clock, 12);
    expect(vm.forums[0]).toMatchObject({ unrecorded: [1, 2, 4], unrecordedCount: 3, daysSince: 607, gaps: [{ open: true, days: 607 }] });
    expect(vm.forums[0].meetings.map((m) => m.on)).toEqual(['2015-02-26', '2016-11-04', '2017-10-31']);
    expect(asked.some((u) => u.startsWith('/v1/meetings?') && u.includes('forum=scg'))).toBe(true);
  });

  it('a forum with more meetings than a timeline draws is read as its per-year counts, without its meetings list', async () => {
    const asked = cannedApi({
      '/v1/reports/forum-activity': { asOf: '2019-06-30', knownAt: null, page, items: [{ forum: 'busy', forumName: 'Busy', meetingCount: 400, perYear: [{ year: 2018, meetings: 150 }, { year: 2019, meetings: 250 }], unrecordedSequences: { count: 0, first: [] }, longestGaps: [], silence: null }] },
    });
    const vm = await loadForums(clock, 12);
    expect(vm.forums[0]).toMatchObject({ meetingCount: 400, meetings: [], perYear: [{ year: 2018, meetings: 150 }, { year: 2019, meetings: 250 }] });
    expect(asked.some((u) => u.startsWith('/v1/meetings'))).toBe(false);
  });

  it('steps to the next meeting with a one-meeting page, and to the previous one by counting then reading the last', async () => {
    const asked: string[] = [];
    (globalThis as { fetch: unknown }).fetch = async (url: string) => {
      asked.push(url);
      const q = new URLSearchParams(url.split('?')[1]);
      if (q.get('from') === '2016-12-01') return new Response(JSON.stringify({ items: [{ heldOn: { date: '2017-10' } }], page: { total: 3, totalExact: true } }));
      if (q.get('to') === '2016-11-29' && q.get('offset') === null) return new Response(JSON.stringify({ items: [{ heldOn: { date: '2012/2013' } }], page: { total: 4, totalExact: true } }));
      if (q.get('to') === '2016-11-29' && q.get('offset') === '3') return new Response(JSON.stringify({ items: [{ heldOn: { date: '2016-11-04' } }], page: { total: 4, totalExact: true } }));
      return new Response(JSON.stringify({ message: `unexpected ${url}` }), { status: 500 });
    };
    await expect(neighbourMeetingDate('2026-01-01', '2016-11-30', 'next')).resolves.toBe('2017-10-31');
    await expect(neighbourMeetingDate('2026-01-01', '2016-11-30', 'previous')).resolves.toBe('2016-11-04');
    expect(asked.every((u) => new URLSearchParams(u.split('?')[1]).get('limit') === '1')).toBe(true);
    expect(endOfPeriod('2012/2013')).toBe('2013-12-31');
    expect(endOfPeriod('2012-03/2012-05')).toBe('2012-05-31');
  });
});
