/** An answer as sent: its ETag and its JSON, already cut for its audience. */
export type SentAnswer = { etag: string; json: string };

/** At most this many answers are kept, and at most this many characters of JSON in all. */
export const ANSWER_CACHE_ENTRIES = 256;
export const ANSWER_CACHE_CHARS = 16 * 1024 * 1024;
/** A larger answer is computed every time rather than crowd out the rest. */
const LARGEST_CACHED_CHARS = 2 * 1024 * 1024;

/**
 * Answers of the current read-model position, by question and audience. An answer is a pure
 * function of the question (path, query, the asOf it resolved to), the audience and the position
 * the read models had reached (that is what makes the ETag known before the answer), so the same
 * question asked again before the next event is answered with the JSON sent the first time. The
 * first question asked at a new position empties the cache; the least recently used answer goes
 * first when it is full.
 */
export class AnswerCache {
  private position: bigint | undefined;
  private readonly answers = new Map<string, SentAnswer>();
  private chars = 0;

  /**
   * The answer to `key` at `position`, computed by `compute` (synchronously, so that no event is
   * projected between reading the position and reading the answer) when not kept. A thrown error
   * (404, 400) is never kept.
   */
  through(position: bigint, key: string, compute: () => SentAnswer): SentAnswer {
    if (position !== this.position) this.clear(position);
    const kept = this.answers.get(key);
    if (kept) {
      // Map order is insertion order: re-inserting makes this the most recently used.
      this.answers.delete(key);
      this.answers.set(key, kept);
      return kept;
    }
    const answer = compute();
    if (answer.json.length <= LARGEST_CACHED_CHARS) this.keep(key, answer);
    return answer;
  }

  get size(): number {
    return this.answers.size;
  }

  private keep(key: string, answer: SentAnswer): void {
    this.answers.set(key, answer);
    this.chars += answer.json.length;
    for (const [oldest, old] of this.answers) {
      if (this.answers.size <= ANSWER_CACHE_ENTRIES && this.chars <= ANSWER_CACHE_CHARS) break;
      this.answers.delete(oldest);
      this.chars -= old.json.length;
    }
  }

  private clear(position: bigint): void {
    this.answers.clear();
    this.chars = 0;
    this.position = position;
  }
}
