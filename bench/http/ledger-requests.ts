/** Requests of the ledger's clerk API that the HTTP benches send: reference data and minutes. */
import { ADMIN_TOKEN, callOk } from './harness';

export const FORUM = 'us-mx-security-cooperation-group';
export const THEMES = ['counter-narcotics', 'police-professionalization', 'security-coordination'];
export const SOURCE = { document: '000_3fdbd5733350c650.txt', locator: 'paragraph 1', quote: 'Security Cooperation Group (SCG)' };

/** The API bounds a meeting's sequence; past it, minutes go to the next of the seeded forums. */
const MAX_SEQUENCE = 10_000;
const forumOf = (n: number) => (n < MAX_SEQUENCE ? FORUM : `${FORUM}-${Math.floor(n / MAX_SEQUENCE) + 1}`);

/** The forum, `forums - 1` more like it (for minutesBody(n) with n ≥ 10,000) and the themes. */
export async function seedReferenceData(url: string, forums = 1): Promise<void> {
  const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
  for (let f = 0; f < forums; f++) {
    const id = forumOf(f * MAX_SEQUENCE);
    await callOk(url, 'POST', '/v1/forums', { id, name: `U.S.-Mexico Security Cooperation Group${f ? ` ${f + 1}` : ''}`, aliases: ['SCG'], kind: 'standing-group', parties: ['US', 'MX'], source: SOURCE }, auth);
  }
  for (const id of THEMES) await callOk(url, 'POST', '/v1/themes', { id, name: id, definition: `${id}, as the parties use the words` }, auth);
}

/** Minutes of meeting number `n` (0-based) with three pledges; the meeting id is its forum and sequence. */
export function minutesBody(n: number): string {
  return JSON.stringify({
    forum: forumOf(n),
    title: `Meeting ${n} of the U.S.-Mexico Security Cooperation Group`,
    sequence: (n % MAX_SEQUENCE) + 1,
    heldOn: { date: '2016-05-10' },
    place: 'Washington, D.C.',
    hostCountry: 'US',
    coChairs: [
      { name: 'Amy Pope', title: 'Deputy Homeland Security Advisor', country: 'US' },
      { name: 'Eugenio Imaz', title: 'Director General, CISEN', country: 'MX' },
    ],
    delegations: [{ country: 'US', note: 'eleven departments and agencies' }, { country: 'MX' }],
    priorities: [
      { theme: 'counter-narcotics', statement: 'stem heroin production and reduce demand for illicit opioids' },
      { theme: 'police-professionalization', statement: 'strengthening police professionalization and training' },
    ],
    pledges: [0, 1, 2].map((k) => ({ by: ['US', 'MX'], description: `pledge ${k + 1} of meeting ${n}: coordinate security programming`, themes: [THEMES[k]], status: 'agreed' })),
    source: SOURCE,
  });
}
