import { join } from 'node:path';
import request from 'supertest';
import { REPO_ROOT } from '../support/child-process';
import { startTestApp, type TestApp } from '../support/test-app';
import { storeOf } from '../clerk/clerk-fixtures';
import { itWithDocuments, sourceDocumentsOrSkip } from './seed-loader';

/** A dozen facts a reader of the five source documents would check, asked of the reports on the seed record. */
describe('the seed record, end to end through the reports', () => {
  let t: TestApp;
  let min: string;
  const get = async (path: string) => {
    const res = await request(t.app.getHttpServer()).get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${min}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const documents = sourceDocumentsOrSkip('the seed record, end to end');
  const normalize = (s: string) => s.replace(/\s+/g, ' ').trim();

  beforeAll(async () => {
    t = await startTestApp({ SEED_ON_EMPTY: 'true', SEEDS_DIR: join(REPO_ROOT, 'seeds') });
    min = (await storeOf(t.app).headPosition()).toString();
  });
  afterAll(async () => t.close());

  it("the SCG's last meeting (October 2017) falls under Trump and Peña Nieto; the third and fifth under Obama and Peña Nieto", async () => {
    const last = await get('/v1/meetings/scg-2017-10');
    expect(last.heldOn.date).toBe('2017-10');
    expect(last.administrations.sort()).toEqual(['MX-pena-nieto', 'US-trump']);
    for (const id of ['scg-3', 'scg-5']) expect((await get(`/v1/meetings/${id}`)).administrations.sort()).toEqual(['MX-pena-nieto', 'US-obama']);
  });

  it('the third SCG meeting carries an imprecise date with the reasoning that places it', async () => {
    const scg3 = await get('/v1/meetings/scg-3');
    expect(scg3.heldOn.approximate).toBe(true);
    expect(scg3.heldOn.reasoning).toMatch(/January/);
  });

  it("Mérida: $2.8 billion allocated (FY2008-17) and $1.6 billion disbursed are two facts on record", async () => {
    const merida = await get('/v1/pledges/merida-us-security-assistance');
    const facts = merida.money.map((m: { firmness: string; amount: string }) => `${m.firmness}:${m.amount}`);
    expect(facts).toEqual(expect.arrayContaining(['allocated:2800000000', 'disbursed:1600000000']));
  });

  it("the white paper's nine recommendations and four irritants are all proposed, authored by the paper's institutions", async () => {
    const board = await get('/v1/pledges?status=proposed&limit=500');
    const ids = board.items.map((p: { id: string }) => p.id);
    const recs = ids.filter((id: string) => id.startsWith('white-paper-rec-'));
    const irritants = ids.filter((id: string) => id.startsWith('white-paper-irritant-'));
    expect(recs).toHaveLength(9);
    expect(irritants).toHaveLength(4);
    const rec1 = await get('/v1/pledges/white-paper-rec-1-bilateral-coordination-group');
    expect(rec1.by.join(' ')).toMatch(/U\.S\.-Mexican Studies/);
  });

  it('GC-Armas: suspended in 2012, revived in 2016', async () => {
    expect((await get('/v1/pledges/gc-armas-weapons-trafficking-cooperation?asOf=2014-06-30')).status).toBe('suspended');
    expect((await get('/v1/pledges/gc-armas-weapons-trafficking-cooperation?asOf=2016-12-31')).status).toBe('in_progress');
  });

  it("the SCG's silence after October 2017 shows as the gap to the asked date", async () => {
    const activity = await get('/v1/reports/forum-activity?asOf=2019-12-31&limit=500');
    const scg = activity.items.find((f: { forum: string }) => f.forum === 'us-mx-security-cooperation-group');
    expect(scg.lastMeetingOn).toBe('2017-10');
    expect(scg.daysSinceLastMeeting).toBeGreaterThan(700);
  });

  it('the 2017 Miami conference produced dollar-denominated commitments', async () => {
    const miami = await get('/v1/meetings/miami-conference-2017');
    expect(miami.pledgeIds.length).toBeGreaterThan(0);
    const money = (await Promise.all(miami.pledgeIds.map((id: string) => get(`/v1/pledges/${id}`)))).flatMap((p: { money: Array<{ currency: string }> }) => p.money);
    expect(money.length).toBeGreaterThan(0);
    expect(money.every((m: { currency: string }) => m.currency === 'USD')).toBe(true);
  });

  it('the Obama/Peña Nieto agenda differs from the Trump/Peña Nieto and Trump/López Obrador ones', async () => {
    const report = await get('/v1/reports/priorities-by-administration?kind=pair&limit=500');
    const themes = (key: string) => report.items.find((r: { key: string }) => r.key === key).themes.map((x: { theme: string }) => x.theme);
    const obamaPena = themes('US-obama+MX-pena-nieto');
    const trumpPena = themes('US-trump+MX-pena-nieto');
    const trumpAmlo = themes('US-trump+MX-lopez-obrador');
    expect(obamaPena.length).toBeGreaterThan(5);
    expect(trumpPena.length).toBeGreaterThan(5);
    expect(trumpAmlo).toEqual(expect.arrayContaining(['central-america', 'migration']));
    expect(new Set(obamaPena)).not.toEqual(new Set(trumpPena));
  });

  it('the Obama to Trump handover shows themes continued, added and dropped', async () => {
    const changes = await get('/v1/reports/priority-changes?country=US&limit=500');
    const handover = changes.items.find((r: { key: string }) => r.key === 'US-obama>US-trump');
    expect(handover.continued.length).toBeGreaterThan(0);
    expect(handover.added.length + handover.dropped.length).toBeGreaterThan(0);
  });

  it('every theme agreed under every administration carries quoted evidence', async () => {
    const report = await get('/v1/reports/priorities-by-administration?limit=500');
    const themes = report.items.flatMap((row: { themes: Array<{ evidence: unknown[] }> }) => row.themes);
    expect(themes.length).toBeGreaterThan(20);
    expect(themes.filter((theme: { evidence: unknown[] }) => theme.evidence.length === 0)).toEqual([]);
  });

  itWithDocuments(documents)('every quoted sentence of that evidence is in its source document', async () => {
    const report = await get('/v1/reports/priorities-by-administration?limit=500');
    let checked = 0;
    for (const row of report.items) {
      for (const theme of row.themes) {
        for (const e of theme.evidence) {
          const text = normalize(documents!.get(e.source.document) ?? '');
          expect([e.source.document, text.includes(normalize(e.source.quote))]).toEqual([e.source.document, true]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('administrations run from Bush and Fox to today, with public-record dates', async () => {
    const list = await get('/v1/administrations?limit=500');
    const byId = new Map(list.items.map((a: { id: string }) => [a.id, a]));
    expect(byId.get('US-bush')).toMatchObject({ startedOn: '2001-01-20' });
    expect(byId.get('MX-fox')).toMatchObject({ startedOn: '2000-12-01' });
    expect(byId.get('US-obama')).toMatchObject({ startedOn: '2009-01-20' });
    expect(byId.get('MX-lopez-obrador')).toMatchObject({ startedOn: '2018-12-01' });
  });

  it('pledges open when Obama left office are followed into the Trump administration', async () => {
    const inherited = await get('/v1/reports/inherited-commitments?limit=500');
    const obama = inherited.items.find((r: { administration: { id: string } }) => r.administration.id === 'US-obama');
    expect(obama.successor.id).toBe('US-trump');
    // A row names its first few pledges; its `list` query gives them all (the board as of the handover).
    expect(obama.pledges.length).toBeLessThanOrEqual(3);
    const all = await get(`${obama.list}&limit=500`);
    expect(all.items.map((p: { id: string }) => p.id)).toContain('gc-armas-weapons-trafficking-cooperation');
    expect(all.items.length).toBe(obama.open);
  });
});
