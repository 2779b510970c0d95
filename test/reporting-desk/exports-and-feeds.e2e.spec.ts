import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { TestApp } from '../support/test-app';
import { CORRECTED_PLEDGE, clerkPost, correctFulfilment, getJson, startDeskServer } from './support/desk-server';

type Row = Record<string, string>;
const csvRows = (text: string): Row[] => parse(text, { columns: true, skip_empty_lines: true });
const asText = (rows: Array<Record<string, unknown>>): Row[] => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v)])));

/** Reads an SSE stream until an event with this id arrives (or the time runs out). */
async function readEventsUntil(url: string, headers: Record<string, string>, wantedId: string, timeoutMs = 10_000): Promise<Array<{ id: string; event: string; data: any }>> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const res = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: abort.signal });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const events: Array<{ id: string; event: string; data: any }> = [];
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
        if (field('id')) events.push({ id: field('id')!, event: field('event') ?? 'message', data: JSON.parse(field('data') ?? 'null') });
      }
      if (events.some((e) => e.id === wantedId)) break;
    }
  } catch (error) {
    if (!abort.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return events;
}

describe('reporting desk exports and feeds', () => {
  let t: TestApp;
  let base: string;
  let head: () => Promise<string>;
  beforeAll(async () => {
    ({ t, base, head } = await startDeskServer());
  });
  afterAll(async () => t?.close());

  it('a CSV export of the board, re-read, equals the JSON report and the JSON export, honouring asOf and filters', async () => {
    const csv = await fetch(`${base}/v1/exports/pledges?asOf=2016-12-31&format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = csvRows(await csv.text());
    const report = await getJson(base, '/v1/pledges?asOf=2016-12-31&limit=500');
    expect(rows.length).toBe(report.page.total);
    expect(rows.map((r) => [r.id, r.status, r.madeOn, r.themes, r.by, r.ageDays])).toEqual(
      report.items.map((p: any) => [p.id, p.status, p.madeOn.date, p.themes.join('; '), p.by.join('; '), String(p.ageDays)]),
    );
    const json = await getJson(base, '/v1/exports/pledges?asOf=2016-12-31&format=json');
    expect(rows).toEqual(asText(json.rows));
    expect(Object.keys(rows[0])).toEqual(json.columns.map((c: { name: string }) => c.name));

    // Accept: text/csv chooses CSV too, and the board's filters apply.
    const filtered = await fetch(`${base}/v1/exports/pledges?asOf=2014-12-31&forum=gc-armas`, { headers: { Accept: 'text/csv' } });
    const gc = csvRows(await filtered.text());
    expect(gc.map((r) => r.status)).toEqual((await getJson(base, '/v1/pledges?asOf=2014-12-31&forum=gc-armas&limit=500')).items.map((p: any) => p.status));
    expect(gc.map((r) => r.status)).toContain('suspended');
  });

  it('the priorities CSV, re-read, equals the priorities report theme for theme', async () => {
    const rows = csvRows(await (await fetch(`${base}/v1/exports/priorities-by-administration?asOf=2019-06-30&format=csv`)).text());
    const report = await getJson(base, '/v1/reports/priorities-by-administration?asOf=2019-06-30&limit=500');
    const expected = report.items.flatMap((r: any) => r.themes.map((t: any) => [r.key, t.theme, String(t.occasions), String(t.occasionsUncertain), String(t.pledges), t.list.meetings]));
    expect(rows.map((r) => [r.key, r.theme, r.occasions, r.occasionsUncertain, r.pledges, r.meetingsQuery])).toEqual(expected);
  });

  it('a bad format is a 400 naming the field', async () => {
    const res = await fetch(`${base}/v1/exports/pledges?format=xlsx`);
    expect(res.status).toBe(400);
    expect((await res.json()).details).toEqual([expect.objectContaining({ field: 'format' })]);
  });

  it('the OpenAPI document describes every export column', async () => {
    const doc = await getJson(base, '/docs-json');
    const op = doc.paths['/v1/exports/pledges'].get;
    for (const column of ['id', 'status', 'madeOn', 'money', 'sourceQuote']) expect(op.description).toContain(`\`${column}\``);
    expect(Object.keys(op.responses['200'].content)).toEqual(['text/csv', 'application/json']);
  });

  it('the SSE feed delivers an entry recorded during the test, and resumes from Last-Event-ID', async () => {
    const before = await head();
    const live = readEventsUntil(`${base}/v1/feeds/ledger-entries`, {}, String(BigInt(before) + 1n));
    await new Promise((r) => setTimeout(r, 300)); // let the subscription open at the head
    const written = await clerkPost(base, '/v1/themes', { id: 'desk-test-theme', name: 'Desk test theme', definition: 'Recorded by the reporting desk feed test' });
    const events = await live;
    const entry = events.find((e) => e.id === written.position);
    expect(entry).toMatchObject({ event: 'ledger-entry', data: { position: written.position, streamId: 'theme-desk-test-theme', entity: { kind: 'theme', id: 'desk-test-theme' } } });
    expect(entry!.data).not.toHaveProperty('recordedBy');
    expect(events.every((e) => BigInt(e.id) > BigInt(before))).toBe(true);

    // A client that saw everything up to `before` gets the same entry on reconnecting, and nothing twice.
    const resumed = await readEventsUntil(`${base}/v1/feeds/ledger-entries`, { 'Last-Event-ID': before }, written.position);
    expect(resumed.map((e) => e.id)).toEqual([written.position]);
  });

  it('the Atom feed is well-formed XML with one entry per status change, a correction marked as one', async () => {
    await correctFulfilment(base);
    const res = await fetch(`${base}/v1/feeds/status-changes.atom?minPosition=${await head()}`);
    expect(res.headers.get('content-type')).toContain('application/atom+xml');
    const xml = await res.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toContain('clerk-ana');
    const feed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' || name === 'category' }).parse(xml).feed;
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    const board = await getJson(base, '/v1/pledges?limit=500');
    const changes = board.items.flatMap((p: any) => p.history.filter((h: any) => h.entryId !== null).map((h: any) => `urn:concordat:status-change:${h.entryId}`));
    expect(feed.entry.map((e: any) => e.id).sort()).toEqual(changes.sort());
    for (const e of feed.entry) expect(e.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    const corrected = feed.entry.filter((e: any) => e.category.some((c: any) => c['@_term'] === 'corrected'));
    expect(corrected.map((e: any) => e.title)).toEqual([expect.stringContaining(`${CORRECTED_PLEDGE}: agreed → partially_fulfilled`)]);
    expect(corrected[0].content['#text'] ?? corrected[0].content).toContain('fulfilling a commitment made by the two Presidents');
  });

  it('Popolo JSON lists forums and delegations, co-chairs, their seats and the meetings', async () => {
    const popolo = await getJson(base, '/v1/popolo?asOf=2019-06-30');
    const scg5 = popolo.events.find((e: any) => e.id === 'scg-5');
    expect(scg5).toMatchObject({ classification: 'meeting', organization_id: 'us-mx-security-cooperation-group', start_date: '2016-11-04', identifiers: [{ scheme: 'sequence', identifier: '5' }] });
    const pope = popolo.persons.find((p: any) => p.name === 'Amy Pope');
    expect(popolo.memberships).toContainEqual(expect.objectContaining({ person_id: pope.id, organization_id: 'us-mx-security-cooperation-group', on_behalf_of_id: 'delegation-us', role: 'co-chair', start_date: '2016-11-04' }));
    const orgIds = new Set(popolo.organizations.map((o: any) => o.id));
    for (const m of popolo.memberships) expect(orgIds.has(m.organization_id) && orgIds.has(m.on_behalf_of_id)).toBe(true);
  });
});
