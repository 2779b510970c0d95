/**
 * A forum's sequence numbers kept by block (`forum_sequence_blocks`): block k holds the numbers
 * k*SIZE .. k*SIZE+SIZE-1, each as the first day (yyyymmdd) a counted meeting carrying it counts,
 * 0 when none does, packed as int32 LE. A number is missing by D when its day is 0 or after D, so
 * the missing numbers in a range, as known now or at T, are read from one row (one version) per
 * block instead of one per number; the blocks keep one version per instant they changed at.
 */
export const BLOCK_SIZE = 128;

type Params = Record<string, string | number>;
type Query = <R>(sql: string, params?: Params) => R[];

export const blockOf = (sequence: number) => Math.floor(sequence / BLOCK_SIZE);

/** A copy of the block `days` (or an empty one) with `sequence`'s day set. */
export function withDay(days: Buffer | undefined, sequence: number, day: number): Buffer {
  const next = days ? Buffer.from(days) : Buffer.alloc(BLOCK_SIZE * 4);
  next.writeInt32LE(day, (sequence - blockOf(sequence) * BLOCK_SIZE) * 4);
  return next;
}

/**
 * The blocks of one forum as known now or at `knownAtMs`, read on demand and kept for the answer:
 * each read is one seek per block there is (per block, its last version by T).
 */
export class SequenceBlocks {
  private readonly read = new Map<number, Buffer | null>();

  constructor(
    private readonly query: Query,
    private readonly p: Params,
    private readonly knownAtMs: number | undefined,
    /** D as yyyymmdd: a number first carried after it is missing by D. */
    private readonly day: number,
  ) {}

  /** Reads at once, in one statement, the blocks of the numbers in these ranges (lo..hi each). */
  prefetch(ranges: Array<[number, number]>): void {
    const blocks = new Set<number>();
    for (const [lo, hi] of ranges) for (let b = blockOf(lo); b <= blockOf(hi); b++) blocks.add(b);
    this.load([...blocks]);
  }

  /** How many of the numbers lo..hi are missing by D. */
  missingIn(lo: number, hi: number): number {
    this.prefetch([[lo, hi]]);
    let missing = 0;
    for (let s = lo; s <= hi; s++) if (!this.carried(s)) missing++;
    return missing;
  }

  /** The lowest `wanted` numbers from 1 up to `max` missing by D, reading a few blocks at a time. */
  firstMissing(max: number, wanted: number): number[] {
    const out: number[] = [];
    for (let s = 1, batch = 2; s <= max && out.length < wanted; batch *= 2) {
      const until = Math.min(max, (blockOf(s) + batch) * BLOCK_SIZE - 1);
      this.prefetch([[s, until]]);
      for (; s <= until && out.length < wanted; s++) if (!this.carried(s)) out.push(s);
    }
    return out;
  }

  private carried(s: number): boolean {
    const days = this.read.get(blockOf(s));
    if (!days) return false;
    const day = days.readInt32LE((s - blockOf(s) * BLOCK_SIZE) * 4);
    return day !== 0 && day <= this.day;
  }

  /** Reads the blocks not read yet, one seek each (CROSS JOIN: the list leads, not the forum's blocks) (a block with no row, or none by T, has no number carried). */
  private load(blocks: number[]): void {
    const wanted = blocks.filter((b) => !this.read.has(b));
    if (wanted.length === 0) return;
    const sql =
      this.knownAtMs === undefined
        ? 'SELECT c.block, c.days FROM json_each(@blocks) CROSS JOIN forum_sequence_blocks c ON c.forum = @f AND c.block = json_each.value'
        : `SELECT c.block, (SELECT v.days FROM forum_sequence_block_versions v WHERE v.forum = c.forum AND v.block = c.block AND v.from_at <= @Tms ORDER BY v.from_at DESC LIMIT 1) AS days
           FROM json_each(@blocks) CROSS JOIN forum_sequence_blocks c ON c.forum = @f AND c.block = json_each.value`;
    for (const b of wanted) this.read.set(b, null);
    for (const r of this.query<{ block: number; days: Buffer | null }>(sql, { ...this.p, blocks: JSON.stringify(wanted) })) this.read.set(r.block, r.days);
  }
}
