import { deciderSpec } from '../testing/given-when-then';
import { sourceInput, sourceRef } from '../testing/fixtures';
import { themeDecider } from './theme.decider';
import type { ThemeEvent } from './theme.events';

const given = deciderSpec(themeDecider);

const defined: ThemeEvent = {
  type: 'ThemeDefined',
  data: { themeId: 'weapons-trafficking', name: 'Weapons trafficking', definition: 'Illicit cross-border arms flows.', source: null },
};

const define = (overrides: Record<string, unknown> = {}) =>
  ({
    type: 'DefineTheme',
    data: { id: 'weapons-trafficking', name: 'Weapons trafficking', definition: 'Illicit cross-border arms flows.', ...overrides },
  }) as const;

const correct = (reason: string, changes: Record<string, unknown>) =>
  ({ type: 'CorrectTheme', data: { themeId: 'weapons-trafficking', input: { reason, changes } } }) as const;

describe('Theme decider', () => {
  describe('given no theme', () => {
    it('defines it; a source is optional', () => {
      given([]).when(define()).then([defined]);
      given([])
        .when(define({ source: sourceInput() }))
        .then([{ type: 'ThemeDefined', data: { ...defined.data, source: sourceRef() } }]);
    });

    it.each([
      ['id', { id: 'Weapons' }],
      ['name', { name: '' }],
      ['definition', { definition: undefined }],
      ['source.quote', { source: { document: 'x.txt' } }],
    ])('rejects an invalid %s', (field, overrides) => {
      given([]).when(define(overrides)).thenThrows('THEME.INVALID', { field });
    });

    it('cannot correct what does not exist', () => {
      given([]).when(correct('rename', { name: 'Arms' })).thenThrows('THEME.NOT_FOUND', { id: 'weapons-trafficking' });
    });
  });

  describe('given a defined theme', () => {
    it('refuses to define it again', () => {
      given([defined]).when(define()).thenThrows('THEME.ALREADY_EXISTS', { id: 'weapons-trafficking' });
    });

    it('renames it by a correction; the id stays', () => {
      const state = given([defined])
        .when(correct('vocabulary review', { name: 'Arms trafficking' }))
        .then([
          { type: 'ThemeCorrected', data: { themeId: 'weapons-trafficking', reason: 'vocabulary review', changes: { name: 'Arms trafficking' } } },
        ]);
      expect(state).toMatchObject({ themeId: 'weapons-trafficking', facts: { name: 'Arms trafficking' } });
    });

    it.each([
      ['reason', '', { name: 'Arms' }],
      ['changes', 'rename', {}],
      ['changes.id', 'rename', { id: 'arms' }],
      ['changes.definition', 'rename', { definition: '' }],
    ])('rejects a correction with an invalid %s', (field, reason, changes) => {
      given([defined]).when(correct(reason, changes)).thenThrows('THEME.INVALID', { field });
    });
  });
});
