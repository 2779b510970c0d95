import fc from 'fast-check';
import { DomainError, MONEY_FIRMNESSES, PLEDGE_STATUSES, type MoneyPeriodInput, type PledgeState, type RecordMinutesInput, type SourceInput } from '@concordat/domain';
import type { LedgerWriter } from './ledger-writer';

/**
 * Random but valid ledger histories: abstract steps whose numbers pick among what exists when
 * the step runs; every step goes through the real deciders, and a step they refuse (an illegal
 * transition, a retracted pledge...) is skipped, as a clerk's refused request would be.
 */
/** `span` > 0 turns a year or a month into an EDTF interval (2012/2014, 2014-03/2014-05). */
type DateSpec = { year: number; month: number; day: number; span?: number };
/** Status dates are drawn relative to the pledge's own year, so that most are valid and some are retroactive. */
type LaterSpec = { yearsAfter: number; month: number; day: number };
export type Step =
  | { kind: 'admin'; slot: number }
  | { kind: 'correctAdmin'; slot: number; shiftDays: number }
  | { kind: 'theme'; slot: number }
  | { kind: 'renameTheme'; slot: number; suffix: number }
  | { kind: 'forum'; slot: number }
  | { kind: 'minutes'; forum: number; sequence: number | null; heldOn: DateSpec; themes: number[]; pledges: Array<{ by: number; themes: number[]; status: number }> }
  | { kind: 'docPledge'; heldOn: DateSpec; by: number; themes: number[]; status: number }
  | { kind: 'status'; pledge: number; status: number; date: LaterSpec }
  | { kind: 'correctEntry'; pledge: number; entry: number; status: number | null; date: LaterSpec | null }
  | { kind: 'retractEntry'; pledge: number; entry: number }
  | { kind: 'correctPledge'; pledge: number; themes: number[] }
  | { kind: 'retractPledge'; pledge: number }
  | { kind: 'correctMeeting'; meeting: number; sequence: number | null; heldOn: DateSpec | null; themes: number[] | null }
  | { kind: 'retractMeeting'; meeting: number }
  | { kind: 'money'; pledge: number; firmness: number; amount: number; date: DateSpec; period: number }
  | { kind: 'tick'; ms: number };

export const ADMINS = [
  { id: 'US-alpha', country: 'US', startedOn: '2009-01-20', endedOn: '2017-01-19' },
  { id: 'US-beta', country: 'US', startedOn: '2017-01-20', endedOn: '2021-01-19' },
  { id: 'US-gamma', country: 'US', startedOn: '2021-01-20' },
  { id: 'MX-alpha', country: 'MX', startedOn: '2006-12-01', endedOn: '2012-11-30' },
  { id: 'MX-beta', country: 'MX', startedOn: '2012-12-01', endedOn: '2018-11-30' },
  { id: 'MX-gamma', country: 'MX', startedOn: '2018-12-01' },
];
export const THEMES = ['counter-narcotics', 'cybersecurity', 'weapons-trafficking', 'migration', 'fentanyl'];
export const FORUMS = [
  { id: 'scg', parties: ['US', 'MX'] },
  { id: 'esc', parties: ['US', 'MX', 'CA'] },
  { id: 'dhs-dialogue', parties: ['DHS', 'SEGOB'] },
];
const PARTIES = [['US', 'MX'], ['US'], ['MX'], ['DHS'], ['US', 'DHS']];
const SOURCE: SourceInput = { document: '000_3fdbd5733350c650.txt', locator: 'paragraph 2', quote: 'a random but quoted fact' };

const dateSpec = fc.record({ year: fc.integer({ min: 2007, max: 2023 }), month: fc.integer({ min: 0, max: 12 }), day: fc.integer({ min: 0, max: 28 }), span: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 1 }) });
const laterSpec = fc.record({ yearsAfter: fc.integer({ min: -1, max: 8 }), month: fc.integer({ min: 0, max: 12 }), day: fc.integer({ min: 0, max: 28 }) });
const pick = fc.nat({ max: 50 });
const themeSet = fc.uniqueArray(fc.nat({ max: THEMES.length - 1 }), { maxLength: 3 });

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('admin' as const), slot: fc.nat({ max: ADMINS.length - 1 }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('correctAdmin' as const), slot: pick, shiftDays: fc.integer({ min: -400, max: 400 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('theme' as const), slot: fc.nat({ max: THEMES.length - 1 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('renameTheme' as const), slot: pick, suffix: fc.nat({ max: 9 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('forum' as const), slot: fc.nat({ max: FORUMS.length - 1 }) }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('minutes' as const),
      forum: pick,
      // Small numbers, so that forums have numbering gaps, repeats and numbers out of date order.
      sequence: fc.option(fc.integer({ min: 1, max: 9 })),
      heldOn: dateSpec,
      themes: themeSet,
      pledges: fc.array(fc.record({ by: fc.nat({ max: PARTIES.length - 1 }), themes: themeSet, status: fc.nat({ max: 2 }) }), { maxLength: 2 }),
    }),
    weight: 5,
  },
  { arbitrary: fc.record({ kind: fc.constant('docPledge' as const), heldOn: dateSpec, by: fc.nat({ max: PARTIES.length - 1 }), themes: themeSet, status: fc.nat({ max: 2 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('status' as const), pledge: pick, status: fc.nat({ max: PLEDGE_STATUSES.length - 1 }), date: laterSpec }), weight: 12 },
  { arbitrary: fc.record({ kind: fc.constant('correctEntry' as const), pledge: pick, entry: pick, status: fc.option(fc.nat({ max: PLEDGE_STATUSES.length - 1 })), date: fc.option(laterSpec) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('retractEntry' as const), pledge: pick, entry: pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('correctPledge' as const), pledge: pick, themes: themeSet }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('retractPledge' as const), pledge: pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('correctMeeting' as const), meeting: pick, sequence: fc.option(fc.integer({ min: 1, max: 9 })), heldOn: fc.option(dateSpec), themes: fc.option(themeSet) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('retractMeeting' as const), meeting: pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('money' as const), pledge: pick, firmness: fc.nat({ max: 3 }), amount: fc.integer({ min: 1, max: 5000 }), date: dateSpec, period: fc.nat({ max: 3 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 86_400_000 }) }), weight: 6 },
);

function dateOf(d: DateSpec): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const span = d.span ?? 0;
  if (span > 0 && d.month === 0) return `${d.year}/${Math.min(2024, d.year + span)}`;
  if (span > 0 && d.day === 0 && d.month + span <= 12) return `${d.year}-${pad(d.month)}/${d.year}-${pad(d.month + span)}`;
  return d.month === 0 ? String(d.year) : d.day === 0 ? `${d.year}-${pad(d.month)}` : `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

/** None, one fiscal year, three fiscal years ending that year, or unstated: so board totals meet years inside a cumulative total. */
function periodOf(s: { date: DateSpec; period: number }): { period?: MoneyPeriodInput } {
  const year = s.date.year;
  if (s.period === 1) return { period: { kind: 'fiscal-years', from: String(year), to: String(year) } };
  if (s.period === 2) return { period: { kind: 'fiscal-years', from: String(year - 2), to: String(year) } };
  if (s.period === 3) return { period: { kind: 'unstated' } };
  return {};
}

const at = <T>(list: readonly T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);

/** What a history created, so later steps (and the assertions) can name it. */
export class HistoryRun {
  readonly admins: string[] = [];
  readonly themes: string[] = [];
  readonly forums: string[] = [];
  readonly meetings: string[] = [];
  readonly pledges: string[] = [];
  private meetingSeq = 0;

  constructor(
    private readonly w: LedgerWriter,
    private readonly clock: { ms: number },
  ) {}

  async run(step: Step): Promise<void> {
    try {
      await this.apply(step);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }

  private async apply(s: Step): Promise<void> {
    const w = this.w;
    switch (s.kind) {
      case 'tick':
        this.clock.ms += s.ms;
        return;
      case 'admin': {
        const a = ADMINS[s.slot];
        await w.execute('administration', a.id, { type: 'RegisterAdministration', data: { ...a, leader: `Leader ${a.id}`, source: { document: 'public-record', note: 'test' } } });
        this.admins.push(a.id);
        return;
      }
      case 'correctAdmin': {
        const id = at(this.admins, s.slot);
        const a = ADMINS.find((x) => x.id === id);
        if (!a?.endedOn) return;
        const endedOn = new Date(Date.parse(`${a.endedOn}T00:00:00Z`) + s.shiftDays * 86_400_000).toISOString().slice(0, 10);
        await w.execute('administration', a.id, { type: 'CorrectAdministration', data: { administrationId: a.id, input: { reason: 'fix the end', changes: { endedOn } } } });
        return;
      }
      case 'theme':
        await w.execute('theme', THEMES[s.slot], { type: 'DefineTheme', data: { id: THEMES[s.slot], name: `Theme ${s.slot}`, definition: 'one line' } });
        this.themes.push(THEMES[s.slot]);
        return;
      case 'renameTheme': {
        const id = at(this.themes, s.slot);
        if (id) await w.execute('theme', id, { type: 'CorrectTheme', data: { themeId: id, input: { reason: 'rename', changes: { name: `Renamed ${s.suffix}` } } } });
        return;
      }
      case 'forum': {
        const f = FORUMS[s.slot];
        await w.execute('forum', f.id, { type: 'RegisterForum', data: { id: f.id, name: `Forum ${f.id}`, kind: 'standing-group', parties: f.parties, source: SOURCE } });
        this.forums.push(f.id);
        return;
      }
      case 'minutes': {
        const forum = at(this.forums, s.forum) ?? FORUMS[0].id;
        const id = `${forum}-m${++this.meetingSeq}`;
        const input: RecordMinutesInput = {
          id,
          forum,
          title: `Meeting ${id}`,
          ...(s.sequence === null ? {} : { sequence: s.sequence }),
          heldOn: { date: dateOf(s.heldOn) },
          priorities: s.themes.map((t) => ({ theme: THEMES[t], statement: 'agreed' })),
          pledges: s.pledges.map((p) => ({ by: PARTIES[p.by], description: 'a pledge', themes: p.themes.map((t) => THEMES[t]), status: (['proposed', 'agreed', 'not_yet_assessed'] as const)[p.status] })),
          source: SOURCE,
        };
        await w.recordMinutes(input);
        this.meetings.push(id);
        this.pledges.push(...s.pledges.map((_, i) => `${id}-pledge-${i + 1}`));
        return;
      }
      case 'docPledge': {
        const id = `doc-${this.pledges.length + 1}`;
        const input = { id, by: PARTIES[s.by], description: 'a document pledge', themes: s.themes.map((t) => THEMES[t]), status: (['proposed', 'agreed', 'not_yet_assessed'] as const)[s.status], madeOn: { date: dateOf(s.heldOn) }, source: SOURCE };
        await w.execute('pledge', id, { type: 'MakePledge', data: { origin: 'document', input } });
        this.pledges.push(id);
        return;
      }
      default:
        return this.applyToExisting(s);
    }
  }

  private async applyToExisting(s: Step): Promise<void> {
    const w = this.w;
    const pledgeId = 'pledge' in s ? at(this.pledges, s.pledge) : undefined;
    const state = pledgeId ? w.stateOf<PledgeState>('pledge', pledgeId) : undefined;
    const entries = state && state.lifecycle !== 'absent' ? [...state.pledge.statusEntries, ...state.pledge.moneyEntries].map((e) => e.entryId) : [];
    const madeYear = state && state.lifecycle !== 'absent' ? Number(state.pledge.madeOn.date.slice(0, 4)) : 2010;
    const later = (d: LaterSpec) => dateOf({ ...d, year: Math.min(2024, madeYear + d.yearsAfter) });
    const correct = (input: object) => w.execute('pledge', pledgeId!, { type: 'CorrectPledge', data: { pledgeId: pledgeId!, input: { reason: 'clerical', ...input } } });
    switch (s.kind) {
      case 'status':
        if (pledgeId) await w.execute('pledge', pledgeId, { type: 'ChangePledgeStatus', data: { pledgeId, input: { status: PLEDGE_STATUSES[s.status], effectiveOn: { date: later(s.date) }, reason: 'news', evidence: SOURCE } } });
        return;
      case 'money':
        if (pledgeId) await w.execute('pledge', pledgeId, { type: 'RecordMoneyFact', data: { pledgeId, input: { firmness: MONEY_FIRMNESSES[s.firmness], amount: String(s.amount), currency: 'USD', asOf: { date: dateOf(s.date) }, ...periodOf(s), evidence: SOURCE } } });
        return;
      case 'correctEntry': {
        const entry = at(entries, s.entry);
        if (!entry || (s.status === null && s.date === null)) return;
        await correct({ entry: { id: entry, ...(s.status !== null ? { status: PLEDGE_STATUSES[s.status] } : {}), ...(s.date !== null ? { effectiveOn: { date: later(s.date) } } : {}) } });
        return;
      }
      case 'retractEntry': {
        const entry = at(entries, s.entry);
        if (entry) await correct({ entry: { id: entry, retract: true } });
        return;
      }
      case 'correctPledge':
        if (pledgeId) await correct({ changes: { themes: s.themes.map((t) => THEMES[t]) } });
        return;
      case 'retractPledge':
        if (pledgeId) await correct({ retract: true });
        return;
      case 'correctMeeting': {
        const meetingId = at(this.meetings, s.meeting);
        const changes = { ...(s.heldOn ? { heldOn: { date: dateOf(s.heldOn) } } : {}), ...(s.sequence === null ? {} : { sequence: s.sequence }), ...(s.themes ? { priorities: s.themes.map((t) => ({ theme: THEMES[t], statement: 'fixed' })) } : {}) };
        if (meetingId && Object.keys(changes).length > 0) await w.execute('meeting', meetingId, { type: 'CorrectMeeting', data: { meetingId, input: { reason: 'fix', changes } } });
        return;
      }
      case 'retractMeeting': {
        const meetingId = at(this.meetings, s.meeting);
        if (meetingId) await w.execute('meeting', meetingId, { type: 'CorrectMeeting', data: { meetingId, input: { reason: 'entered twice', retract: true } } });
        return;
      }
      default:
        return;
    }
  }
}
