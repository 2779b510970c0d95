import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RegisterAdministrationInput, DefineThemeInput, RecordMinutesInput, SourceInput } from '@concordat/domain';
import { LedgerWriter } from './ledger-writer';

/**
 * The e2e data set until the seeds exist: reference data from `seeds/reference/`, and the SCG,
 * ESC, GC-Armas and Mérida facts of the seed documents. Status changes the documents do not
 * date precisely carry approximate dates with their reasoning, as a clerk would enter them.
 */
export const SCG = 'us-mx-security-cooperation-group';
export const ESC = 'executive-steering-committee-21st-century-border';
export const SCG3 = `${SCG}-3`;
export const SCG5 = `${SCG}-5`;
export const SCG6 = `${SCG}-6`;
export const CYBER_PLEDGE = `${SCG3}-pledge-1`;
export const SCG_CONTINUITY_PLEDGE = `${SCG5}-pledge-1`;
export const GC_ARMAS_PLEDGE = 'gc-armas-weapons-trafficking-cooperation';
export const MERIDA_PLEDGE = 'merida-initiative-assistance';
export const WHITE_PAPER_PLEDGE = 'white-paper-bilateral-coordination-group';

const ROOT = join(__dirname, '..', '..', '..');
const doc = (document: string, quote: string, locator?: string): SourceInput => ({ document, quote, ...(locator ? { locator } : {}) });
const WHITE_PAPER = '003_5582343594f94d18.txt';
const approx = (date: string, reasoning: string) => ({ date, approximate: true, reasoning });

export const SCG3_MINUTES: RecordMinutesInput = {
  forum: SCG,
  title: 'Third meeting of the U.S.-Mexico Security Coordination Group',
  sequence: 3,
  heldOn: approx('2015', "follows the Mexican President's January 2015 visit it mentions"),
  coChairs: [
    { name: 'Rand Beers', title: 'Deputy Assistant to the President for Homeland Security', country: 'US' },
    { name: 'Eugenio Imaz', title: 'Director General, Center for Investigation and National Security', country: 'MX' },
  ],
  delegations: [{ country: 'US' }, { country: 'MX' }],
  priorities: [
    { theme: 'organized-crime', statement: 'continuing the fight against organized crime' },
    { theme: 'counter-narcotics', statement: 'enhancing counter-narcotics efforts' },
    { theme: 'cybersecurity', statement: 'coordinating to confront new threats from Cybercriminals' },
    { theme: 'human-smuggling', statement: 'disrupt the human smuggling networks that exploit and endanger vulnerable migrants' },
  ],
  pledges: [
    { by: ['US', 'MX'], description: 'Set up a bilateral Cybersecurity working group to share best practices', themes: ['cybersecurity'], status: 'agreed' },
  ],
  source: doc('001_4156fcfcdbd386f6.txt', 'Yesterday, I co-chaired the third meeting of the U.S.-Mexico Security Coordination Group (SCG)', 'paragraph 1'),
};

export const SCG5_MINUTES: RecordMinutesInput = {
  forum: SCG,
  title: 'Fifth meeting of the U.S.-Mexico Security Cooperation Group',
  sequence: 5,
  heldOn: approx('2016', 'sets key priorities for 2017; follows the July 2016 presidential meeting'),
  place: 'Washington, D.C.',
  hostCountry: 'US',
  coChairs: [
    { name: 'Amy Pope', title: 'Deputy Homeland Security Advisor', country: 'US' },
    { name: 'Eugenio Imaz', title: 'Director General, Center for Investigation and National Security', country: 'MX' },
  ],
  delegations: [{ country: 'US', note: 'eleven departments and agencies' }, { country: 'MX' }],
  priorities: [
    { theme: 'counter-narcotics', statement: 'stem heroin production and reduce demand for illicit opioids' },
    { theme: 'police-professionalization', statement: 'Strengthening police professionalization and training of judicial officials' },
    { theme: 'human-smuggling', statement: 'combat human smuggling networks and enhance border safety and security' },
  ],
  pledges: [{ by: ['US', 'MX'], description: 'Continue holding the SCG to coordinate security programming', themes: ['security-coordination'], status: 'agreed' }],
  source: doc('000_3fdbd5733350c650.txt', "Last Friday I hosted the Administration's fifth meeting of the U.S.-Mexico Security Cooperation Group (SCG) in Washington"),
};

export const SCG6_MINUTES: RecordMinutesInput = {
  id: SCG6,
  forum: SCG,
  title: 'Last recorded meeting of the Security Cooperation Group',
  heldOn: { date: '2017-10' },
  source: doc(WHITE_PAPER, 'with the last meeting having taken place in October 2017', 'Bilateral Security Cooperation Group'),
};

export const ESC_MINUTES: RecordMinutesInput = {
  id: `${ESC}-2016`,
  forum: ESC,
  title: 'U.S.-Mexico Executive Steering Committee Meeting on the 21st Century Border',
  heldOn: approx('2016', "\"last week's\" meeting before the fifth SCG meeting"),
  priorities: [
    { theme: 'trade-facilitation', statement: 'facilitating trade through cargo pre-inspection' },
    { theme: 'border-infrastructure', statement: 'collaborating on border infrastructure prioritization' },
  ],
  source: doc('000_3fdbd5733350c650.txt', "Friday's meeting also builds off of last week's U.S.-Mexico Executive Steering Committee (ESC) Meeting on the 21st Century Border"),
};

export interface DatasetMarks {
  /** Recorded after the mistaken GC-Armas entry and before its correction. */
  beforeCorrection: string;
  mistakenEntryId: string;
  lastPosition: bigint;
}

/** Writes the data set; `pause` lets a caller make the store's clock move between two writes. */
export async function writeScgDataset(w: LedgerWriter, pause: () => Promise<void> = async () => undefined): Promise<DatasetMarks> {
  const admins = JSON.parse(readFileSync(join(ROOT, 'seeds/reference/administrations.json'), 'utf8')).administrations as RegisterAdministrationInput[];
  for (const a of admins) await w.execute('administration', a.id, { type: 'RegisterAdministration', data: a });
  const themes = JSON.parse(readFileSync(join(ROOT, 'seeds/reference/themes.json'), 'utf8')).themes as DefineThemeInput[];
  for (const t of themes) await w.execute('theme', t.id, { type: 'DefineTheme', data: t });
  const publicRecord = { document: 'public-record', note: 'forum registered for the e2e data set' };
  await w.execute('forum', SCG, { type: 'RegisterForum', data: { id: SCG, name: 'U.S.-Mexico Security Cooperation Group', aliases: ['SCG'], kind: 'standing-group', parties: ['US', 'MX'], source: doc(WHITE_PAPER, 'the Obama administration also established the Bilateral Security') } });
  await w.execute('forum', ESC, { type: 'RegisterForum', data: { id: ESC, name: 'Executive Steering Committee on the 21st Century Border', aliases: ['ESC'], kind: 'standing-group', parties: ['US', 'MX'], source: publicRecord } });
  await w.execute('forum', 'gc-armas', { type: 'RegisterForum', data: { id: 'gc-armas', name: 'GC-Armas', kind: 'working-group', parties: ['US', 'MX'], source: doc(WHITE_PAPER, 'GC-Armas') } });
  await w.execute('forum', 'merida-initiative', { type: 'RegisterForum', data: { id: 'merida-initiative', name: 'Mérida Initiative', kind: 'initiative', parties: ['US', 'MX'], source: publicRecord } });

  for (const minutes of [SCG3_MINUTES, ESC_MINUTES, SCG5_MINUTES, SCG6_MINUTES]) await w.recordMinutes(minutes);

  await w.execute('pledge', MERIDA_PLEDGE, {
    type: 'MakePledge',
    data: { origin: 'document', input: { id: MERIDA_PLEDGE, forum: 'merida-initiative', by: ['US'], beneficiaries: ['MX'], description: 'U.S. security assistance to Mexico under the Mérida Initiative', themes: ['organized-crime', 'justice-reform'], status: 'agreed', madeOn: approx('2008', 'FY 2008 is the first year of Mérida funding the white paper counts'), source: doc(WHITE_PAPER, 'between FY 2008-17, the United States') } },
  });
  const meridaEvidence = doc(WHITE_PAPER, 'Congress has allocated USD$2.8 billion for the Mérida Initiative, of which USD$1.6 billion has been disbursed');
  await w.execute('pledge', MERIDA_PLEDGE, { type: 'RecordMoneyFact', data: { pledgeId: MERIDA_PLEDGE, input: { firmness: 'allocated', amount: '2800000000', currency: 'USD', asOf: { date: '2017' }, evidence: meridaEvidence } } });
  await w.execute('pledge', MERIDA_PLEDGE, { type: 'RecordMoneyFact', data: { pledgeId: MERIDA_PLEDGE, input: { firmness: 'disbursed', amount: '1600000000', currency: 'USD', asOf: { date: '2017' }, evidence: meridaEvidence } } });

  const gcQuote = doc(WHITE_PAPER, 'Meetings of the group were suspended between 2012 and 2015. Although GC-Armas collaboration was resurrected in 2016');
  await w.execute('pledge', GC_ARMAS_PLEDGE, {
    type: 'MakePledge',
    data: { origin: 'document', input: { id: GC_ARMAS_PLEDGE, forum: 'gc-armas', by: ['US', 'MX'], description: 'Exchange information on weapons smuggling methods, trends and investigations', themes: ['weapons-trafficking'], status: 'agreed', madeOn: approx('2011', 'the group was active before its 2012 suspension'), source: gcQuote } },
  });
  const change = (pledgeId: string, status: string, date: string, evidence: SourceInput, reason: string) =>
    w.execute('pledge', pledgeId, { type: 'ChangePledgeStatus', data: { pledgeId, input: { status: status as never, effectiveOn: { date }, reason, evidence } } });
  await change(GC_ARMAS_PLEDGE, 'suspended', '2012', gcQuote, 'meetings suspended between 2012 and 2015');
  // A clerk's slip: "lapsed" where the source says revived; corrected below, so knownAt shows both.
  await change(GC_ARMAS_PLEDGE, 'lapsed', '2016', gcQuote, 'collaboration in 2016');
  const mistakenEntryId = w.entryIds[w.entryIds.length - 1];
  await pause();
  const beforeCorrection = new Date().toISOString();
  await pause();
  await w.execute('pledge', GC_ARMAS_PLEDGE, { type: 'CorrectPledge', data: { pledgeId: GC_ARMAS_PLEDGE, input: { reason: 'the source says resurrected, not lapsed', entry: { id: mistakenEntryId, status: 'in_progress' } } } });

  await change(CYBER_PLEDGE, 'in_progress', '2016', doc('001_4156fcfcdbd386f6.txt', 'The group also agreed to set up a bilateral Cybersecurity working group'), 'working group set up');
  await change(SCG_CONTINUITY_PLEDGE, 'lapsed', '2019', doc(WHITE_PAPER, 'the frequency of its meetings has declined significantly during the Trump administration'), 'no meeting after October 2017');
  const last = await w.execute('pledge', WHITE_PAPER_PLEDGE, {
    type: 'MakePledge',
    data: { origin: 'document', input: { id: WHITE_PAPER_PLEDGE, by: ['Center for U.S.-Mexican Studies, UC San Diego'], description: 'Create a bilateral coordination group to reconcile the priorities of both nations', themes: ['security-coordination'], status: 'proposed', madeOn: approx('2019', 'white paper written after the February 2018 meeting it reports'), source: doc(WHITE_PAPER, 'Create a bilateral coordination group to reconcile the priorities of both nations') } },
  });
  return { beforeCorrection, mistakenEntryId, lastPosition: last.result.position };
}
