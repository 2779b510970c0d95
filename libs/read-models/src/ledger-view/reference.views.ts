import type {
  AdministrationEvent,
  AdministrationFacts,
  ForumEvent,
  ForumFacts,
  ThemeEvent,
  ThemeFacts,
} from '@concordat/domain';
import type { RecordedEvent } from '@concordat/shared-kernel';
import { corrected, provenanceOf, type CorrectionNote, type Provenance } from './provenance';

/**
 * Reference data (administrations, forums, themes) as the read side keeps it: the facts as
 * currently corrected, the stream revision (the write side's ETag), and the trail of fixes.
 */
type Versioned = { id: string; revision: number; recorded: Provenance; corrections: CorrectionNote[] };

export type AdministrationView = { entityKind: 'administration' } & Versioned & AdministrationFacts;
export type ForumView = { entityKind: 'forum' } & Versioned & ForumFacts;
export type ThemeView = { entityKind: 'theme' } & Versioned & ThemeFacts;

export function evolveAdministration(
  current: AdministrationView | undefined,
  event: AdministrationEvent,
  recorded: RecordedEvent,
): AdministrationView | undefined {
  switch (event.type) {
    case 'AdministrationRegistered': {
      const { administrationId, ...facts } = event.data;
      return { entityKind: 'administration', id: administrationId, revision: recorded.revision, recorded: provenanceOf(recorded), corrections: [], ...facts };
    }
    case 'AdministrationCorrected':
      return current && corrected(current, event.data, recorded);
    default: {
      const _: never = event;
      return current;
    }
  }
}

export function evolveForum(current: ForumView | undefined, event: ForumEvent, recorded: RecordedEvent): ForumView | undefined {
  switch (event.type) {
    case 'ForumRegistered': {
      const { forumId, ...facts } = event.data;
      return { entityKind: 'forum', id: forumId, revision: recorded.revision, recorded: provenanceOf(recorded), corrections: [], ...facts };
    }
    case 'ForumCorrected':
      return current && corrected(current, event.data, recorded);
    default: {
      const _: never = event;
      return current;
    }
  }
}

export function evolveTheme(current: ThemeView | undefined, event: ThemeEvent, recorded: RecordedEvent): ThemeView | undefined {
  switch (event.type) {
    case 'ThemeDefined': {
      const { themeId, ...facts } = event.data;
      return { entityKind: 'theme', id: themeId, revision: recorded.revision, recorded: provenanceOf(recorded), corrections: [], ...facts };
    }
    case 'ThemeCorrected':
      return current && corrected(current, event.data, recorded);
    default: {
      const _: never = event;
      return current;
    }
  }
}
