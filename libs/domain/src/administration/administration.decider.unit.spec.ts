import type { AdministrationEvent } from './administration.events';
import { administrationDecider } from './administration.decider';
import { deciderSpec } from '../testing/given-when-then';
import { PUBLIC_RECORD_INPUT, PUBLIC_RECORD_REF } from '../testing/fixtures';
import type { RegisterAdministrationInput } from '../ledger-inputs';

const given = deciderSpec(administrationDecider);

const obamaInput: RegisterAdministrationInput = {
  id: 'US-obama',
  country: 'US',
  leader: 'Barack Obama',
  startedOn: '2009-01-20',
  endedOn: '2017-01-20',
  source: PUBLIC_RECORD_INPUT,
};

const registered: AdministrationEvent = {
  type: 'AdministrationRegistered',
  data: {
    administrationId: 'US-obama',
    country: 'US',
    leader: 'Barack Obama',
    startedOn: '2009-01-20',
    endedOn: '2017-01-20',
    source: PUBLIC_RECORD_REF,
  },
};

const register = (overrides: Partial<RegisterAdministrationInput> = {}) =>
  ({ type: 'RegisterAdministration', data: { ...obamaInput, ...overrides } }) as const;

const correct = (input: { reason: string; changes: Partial<RegisterAdministrationInput> }) =>
  ({ type: 'CorrectAdministration', data: { administrationId: 'US-obama', input } }) as const;

describe('Administration decider', () => {
  describe('given no administration', () => {
    it('registers it, the incumbent with endedOn null', () => {
      given([]).when(register()).then([registered]);
      const state = given([]).when(register({ endedOn: undefined })).then([
        { type: 'AdministrationRegistered', data: { ...registered.data, endedOn: null } },
      ]);
      expect(state).toMatchObject({ lifecycle: 'registered', administrationId: 'US-obama' });
    });

    it.each([
      ['id', { id: 'obama' }],
      ['country', { country: 'USA' }],
      ['country', { country: 'MX' }],
      ['leader', { leader: ' ' }],
      ['startedOn', { startedOn: '2009-01' }],
      ['startedOn', { startedOn: '2009-02-30' }],
      ['endedOn', { endedOn: '2008-12-31' }],
      ['source.document', { source: { document: '' } }],
      ['source.quote', { source: { document: 'https://example.org/bio' } }],
    ])('rejects an invalid %s', (field, overrides) => {
      given([]).when(register(overrides)).thenThrows('ADMINISTRATION.INVALID', { field });
    });

    it('cannot correct what does not exist', () => {
      given([]).when(correct({ reason: 'typo', changes: { leader: 'B. Obama' } })).thenThrows('ADMINISTRATION.NOT_FOUND', { id: 'US-obama' });
    });
  });

  describe('given a registered administration', () => {
    it('refuses to register it again, even identically (idempotency lives below the decider)', () => {
      given([registered]).when(register()).thenThrows('ADMINISTRATION.ALREADY_EXISTS', { id: 'US-obama' });
    });

    it('records a correction with its reason and only the changed fields', () => {
      const state = given([registered])
        .when(correct({ reason: 'term ended at noon on the 20th', changes: { endedOn: '2017-01-19' } }))
        .then([
          {
            type: 'AdministrationCorrected',
            data: { administrationId: 'US-obama', reason: 'term ended at noon on the 20th', changes: { endedOn: '2017-01-19' } },
          },
        ]);
      expect(state).toMatchObject({ facts: { endedOn: '2017-01-19', leader: 'Barack Obama' } });
    });

    it.each([
      ['reason', { reason: '', changes: { leader: 'B. Obama' } }],
      ['changes', { reason: 'typo', changes: {} }],
      ['changes.id', { reason: 'typo', changes: { id: 'US-barack-obama' } }],
      ['changes.country', { reason: 'typo', changes: { country: 'MX' } }],
      ['changes.startedOn', { reason: 'typo', changes: { startedOn: '2018-01-01' } }],
      ['changes.endedOn', { reason: 'typo', changes: { endedOn: 'soon' } }],
    ])('rejects a correction with an invalid %s', (field, input) => {
      given([registered]).when(correct(input)).thenThrows('ADMINISTRATION.INVALID', { field });
    });
  });
});
