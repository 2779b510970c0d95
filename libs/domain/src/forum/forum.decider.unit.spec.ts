import type { RegisterForumInput } from '../ledger-inputs';
import { deciderSpec } from '../testing/given-when-then';
import { sourceInput, sourceRef } from '../testing/fixtures';
import { forumDecider } from './forum.decider';
import type { ForumEvent } from './forum.events';

const given = deciderSpec(forumDecider);
const knownForums = new Set(['scg', 'gc-armas']);

const input: RegisterForumInput = {
  id: 'scg-cybersecurity',
  name: 'SCG working group on cybersecurity',
  kind: 'working-group',
  parties: ['US', 'MX'],
  parentForum: 'scg',
  establishedOn: { date: '2016', approximate: true, reasoning: 'first mentioned in the 2016 communique' },
  source: sourceInput(),
};

const registered: ForumEvent = {
  type: 'ForumRegistered',
  data: {
    forumId: 'scg-cybersecurity',
    name: 'SCG working group on cybersecurity',
    aliases: [],
    kind: 'working-group',
    parties: ['US', 'MX'],
    description: null,
    parentForum: 'scg',
    establishedOn: { date: '2016', approximate: true, reasoning: 'first mentioned in the 2016 communique' },
    source: sourceRef(),
  },
};

const register = (overrides: Record<string, unknown> = {}) => ({ type: 'RegisterForum', data: { ...input, ...overrides } }) as const;
const correct = (reason: string, changes: Record<string, unknown>) =>
  ({ type: 'CorrectForum', data: { forumId: 'scg-cybersecurity', input: { reason, changes } } }) as const;

describe('Forum decider', () => {
  describe('given no forum', () => {
    it('registers it, with absent optionals as null or []', () => {
      given([]).when(register(), { knownForums }).then([registered]);
    });

    it('rejects a parent forum the ledger does not know, naming it', () => {
      given([]).when(register({ parentForum: 'scg-2' }), { knownForums }).thenThrows('REFERENCE.UNKNOWN_FORUM', {
        forum: 'scg-2',
        field: 'parentForum',
      });
    });

    it.each([
      ['id', { id: 'SCG Cyber' }],
      ['name', { name: '' }],
      ['kind', { kind: 'committee' }],
      ['parties', { parties: [] }],
      ['aliases[1]', { aliases: ['SCG cyber', ''] }],
      ['parentForum', { parentForum: 'scg-cybersecurity' }],
      ['establishedOn.reasoning', { establishedOn: { date: '2016', approximate: true } }],
      ['establishedOn.date', { establishedOn: { date: '2016-13' } }],
      ['establishedOn.date', { establishedOn: { date: '2031' } }],
      ['source', { source: undefined }],
    ])('rejects an invalid %s', (field, overrides) => {
      given([]).when(register(overrides)).thenThrows('FORUM.INVALID', { field });
    });

    it('cannot correct what does not exist', () => {
      given([]).when(correct('typo', { name: 'x' })).thenThrows('FORUM.NOT_FOUND', { id: 'scg-cybersecurity' });
    });
  });

  describe('given a registered forum', () => {
    it('refuses to register it again', () => {
      given([registered]).when(register()).thenThrows('FORUM.ALREADY_EXISTS', { id: 'scg-cybersecurity' });
    });

    it('records a correction', () => {
      const state = given([registered])
        .when(correct('the group was renamed in the source', { name: 'Cybersecurity working group', aliases: ['WG-Cyber'] }))
        .then([
          {
            type: 'ForumCorrected',
            data: {
              forumId: 'scg-cybersecurity',
              reason: 'the group was renamed in the source',
              changes: { name: 'Cybersecurity working group', aliases: ['WG-Cyber'] },
            },
          },
        ]);
      expect(state).toMatchObject({ facts: { name: 'Cybersecurity working group', kind: 'working-group' } });
    });

    it('checks a corrected parent forum against the known forums', () => {
      given([registered]).when(correct('wrong parent', { parentForum: 'merida' }), { knownForums }).thenThrows('REFERENCE.UNKNOWN_FORUM', {
        forum: 'merida',
        field: 'changes.parentForum',
      });
    });

    it.each([
      ['reason', ' ', { name: 'x' }],
      ['changes', 'typo', {}],
      ['changes.id', 'typo', { id: 'cyber' }],
      ['changes.kind', 'typo', { kind: 'club' }],
      ['changes.parentForum', 'typo', { parentForum: 'scg-cybersecurity' }],
    ])('rejects a correction with an invalid %s', (field, reason, changes) => {
      given([registered]).when(correct(reason, changes)).thenThrows('FORUM.INVALID', { field });
    });
  });
});
