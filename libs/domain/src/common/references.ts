import type { DecisionContext } from '../decider';
import { DomainError } from '../domain-error';

/** Reference checks run only when the caller passed the set; the decider never looks anything up. */
export function requireKnownForum(context: DecisionContext, forum: string | null, field: string): void {
  if (forum !== null && context.knownForums && !context.knownForums.has(forum)) throw DomainError.unknownForum(forum, field);
}

export function requireKnownThemes(context: DecisionContext, themes: readonly string[], field: string): void {
  const known = context.knownThemes;
  if (!known) return;
  const i = themes.findIndex((theme) => !known.has(theme));
  if (i >= 0) throw DomainError.unknownTheme(themes[i], `${field}[${i}]`);
}
