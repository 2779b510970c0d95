import type { Assert, CoversAll } from '../common/type-checks';
import type { SourceRef } from '../common/values';
import type { IsPlainJson } from '../json';

/**
 * A theme of the controlled vocabulary. It is data, not an enum: a rename is a correction on
 * the record, and the id stays stable so priorities compare across administrations.
 */
export type ThemeFacts = { name: string; definition: string; source: SourceRef | null };

export type ThemeDefined = { type: 'ThemeDefined'; data: { themeId: string } & ThemeFacts };

export type ThemeCorrected = {
  type: 'ThemeCorrected';
  data: { themeId: string; reason: string; changes: Partial<ThemeFacts> };
};

export type ThemeEvent = ThemeDefined | ThemeCorrected;

export const THEME_EVENT_TYPES = ['ThemeDefined', 'ThemeCorrected'] as const;

type _Listed = Assert<CoversAll<ThemeEvent['type'], (typeof THEME_EVENT_TYPES)[number]>>;
type _Json = Assert<IsPlainJson<ThemeEvent['data']>>;
