import type { RecordMinutesInput } from './ledger-inputs';

/** One stream per aggregate: `<category>-<id>`. Categories contain no hyphen, so the split is unambiguous. */
export const STREAM_CATEGORIES = ['administration', 'forum', 'theme', 'meeting', 'pledge'] as const;
export type StreamCategory = (typeof STREAM_CATEGORIES)[number];

export function streamIdOf(category: StreamCategory, id: string): string {
  return `${category}-${id}`;
}

export function parseStreamId(streamId: string): { category: StreamCategory; id: string } | null {
  const cut = streamId.indexOf('-');
  const category = streamId.slice(0, cut) as StreamCategory;
  if (cut < 1 || !STREAM_CATEGORIES.includes(category) || cut === streamId.length - 1) return null;
  return { category, id: streamId.slice(cut + 1) };
}

/**
 * The meeting id minutes are recorded under: the clerk's, else `<forum>-<sequence>`, else
 * `<forum>-<heldOn.date>`. A handler needs it before deciding (to read the stream), so it
 * tolerates malformed input; the decider then rejects that input field by field.
 */
export function resolveMeetingId(input: Pick<RecordMinutesInput, 'id' | 'forum' | 'sequence' | 'heldOn'>): string {
  if (typeof input.id === 'string' && input.id !== '') return input.id;
  const suffix = input.sequence !== undefined && input.sequence !== null ? String(input.sequence) : String(input.heldOn?.date ?? '');
  return `${input.forum}-${suffix}`;
}

/** Default id of the n-th (1-based) pledge in a set of minutes. */
export function defaultPledgeId(meetingId: string, n: number): string {
  return `${meetingId}-pledge-${n}`;
}
