import type { RecordMinutesInput } from '@concordat/domain';

/** The example, used in the OpenAPI document and the e2e suite. */
export const FIFTH_SCG_MINUTES: RecordMinutesInput = {
  forum: 'us-mx-security-cooperation-group',
  title: 'Fifth meeting of the U.S.-Mexico Security Cooperation Group',
  sequence: 5,
  heldOn: { date: '2016', approximate: true, reasoning: 'sets key priorities for 2017; follows the July 2016 presidential meeting' },
  place: 'Washington, D.C.',
  hostCountry: 'US',
  coChairs: [
    { name: 'Amy Pope', title: 'Deputy Homeland Security Advisor', country: 'US' },
    { name: 'Eugenio Imaz', title: 'Director General, Center for Investigation and National Security', country: 'MX' },
  ],
  delegations: [{ country: 'US', note: 'eleven departments and agencies' }, { country: 'MX' }],
  priorities: [
    { theme: 'counter-narcotics', statement: 'stem heroin production and reduce demand for illicit opioids' },
    { theme: 'police-professionalization', statement: 'strengthening police professionalization and training of judicial officials' },
  ],
  pledges: [{ by: ['US', 'MX'], description: 'continue holding the SCG to coordinate security programming', themes: ['security-coordination'], status: 'agreed' }],
  source: {
    document: '000_3fdbd5733350c650.txt',
    quote: "Last Friday I hosted the Administration's fifth meeting of the U.S.-Mexico Security Cooperation Group (SCG) in Washington",
  },
};

/**
 * The OpenAPI document's example: an illustrative sixth SCG meeting, which the seed record does
 * not hold (it has the third and the fifth), so "Try it out" on a seeded ledger records it
 * instead of meeting a 409 for the seed's own meeting number or pledge ids.
 */
export const EXAMPLE_MINUTES: RecordMinutesInput = {
  ...FIFTH_SCG_MINUTES,
  title: 'Sixth meeting of the U.S.-Mexico Security Cooperation Group (illustrative example)',
  sequence: 6,
  heldOn: { date: '2017', approximate: true, reasoning: 'illustrative example: a meeting after the fifth, which the sources do not record' },
  pledges: [{ ...FIFTH_SCG_MINUTES.pledges![0], id: 'example-scg-6-keep-coordinating' }],
};
