import { StreamNotFoundError, type EventStore } from '@concordat/event-store';
import { streamIdOf } from '@concordat/domain';

/** The forum and theme ids a command's input mentions, found by field name wherever they sit. */
export function referencedIds(input: unknown): { forums: Set<string>; themes: Set<string> } {
  const forums = new Set<string>();
  const themes = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if ((key === 'forum' || key === 'parentForum') && typeof child === 'string') forums.add(child);
      else if (key === 'theme' && typeof child === 'string') themes.add(child);
      else if (key === 'themes' && Array.isArray(child)) child.filter((t) => typeof t === 'string').forEach((t) => themes.add(t));
      else walk(child);
    }
  };
  walk(input);
  return { forums, themes };
}

/**
 * Streams seen to exist, per store. The log is append-only, so a stream that has an event always
 * will: a positive answer is kept (forums and themes are looked up on every write); a negative
 * one never is, so a forum defined a moment ago is found.
 */
const seenToExist = new WeakMap<EventStore, Set<string>>();

async function exists(store: EventStore, streamId: string): Promise<boolean> {
  let seen = seenToExist.get(store);
  if (seen?.has(streamId)) return true;
  try {
    await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    if (!seen) seenToExist.set(store, (seen = new Set()));
    seen.add(streamId);
    return true;
  } catch (error) {
    if (error instanceof StreamNotFoundError) return false;
    throw error;
  }
}

/**
 * Reference lookups for a decision, read from the streams themselves (not from a read model
 * that may lag): the subset of mentioned ids that exist. The decider rejects the rest by name.
 */
export async function knownReferences(store: EventStore, input: unknown) {
  const { forums, themes } = referencedIds(input);
  const knownForums = new Set<string>();
  const knownThemes = new Set<string>();
  await Promise.all([
    ...[...forums].map(async (id) => (await exists(store, streamIdOf('forum', id))) && knownForums.add(id)),
    ...[...themes].map(async (id) => (await exists(store, streamIdOf('theme', id))) && knownThemes.add(id)),
  ]);
  return { knownForums, knownThemes };
}
