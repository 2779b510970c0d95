import type { CorrectReferenceInput, DefineThemeInput } from '../ledger-inputs';

export type DefineTheme = { type: 'DefineTheme'; data: DefineThemeInput };

export type CorrectTheme = {
  type: 'CorrectTheme';
  data: { themeId: string; input: CorrectReferenceInput<DefineThemeInput> };
};

export type ThemeCommand = DefineTheme | CorrectTheme;
