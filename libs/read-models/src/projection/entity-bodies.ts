import { constants, createDeflateRaw, createInflateRaw, inflateRawSync } from 'node:zlib';
import type { EntityKind } from '../ledger-view/ledger-view';

/**
 * How `entity_rows.body` is stored. Pledge and meeting bodies (the current one whole, a superseded
 * one as its delta, `entity-history.ts`) are JSON whose keys and small values repeat in every body
 * and in every status entry, so they are deflated (raw DEFLATE, RFC 1951, node:zlib) with a preset
 * dictionary of those keys: about a tenth of the text, where deflating without one gives ~0.4.
 * They are BLOBs; every other kind (a few reference entities, which other tables' writers read
 * as text) stays JSON text. `decodeBody` takes either.
 *
 * The dictionary is part of the file format: changing it changes READ_MODEL_SCHEMA_VERSION.
 */
const SOURCE = '"source":{"document":"","locator":"para ","quote":"","note":null}';
const RECORDED = '"recorded":{"eventId":"e-","position":"","recordedAt":"T00:00:00.000Z","recordedBy":"clerk-"}';
const DATE = '{"date":"","approximate":false,"reasoning":null}';
const MEETING =
  `{"entityKind":"meeting","id":"","revision":0,"forum":"","pledgeIds":["-pledge-"],${RECORDED},"corrections":[],"retraction":null,"title":"","sequence":,"heldOn":${DATE},` +
  `"place":null,"hostCountry":"","coChairs":[],"delegations":[],"summary":null,"priorities":[{"theme":"","statement":"",${SOURCE}}],${SOURCE}}`;
const STATUS_ENTRY =
  `{"entryId":"-s","status":"","effectiveOn":${DATE},"reason":"","evidence":{"document":"","locator":"para ","quote":"","note":null},"retracted":false,` +
  `"previousStatusWhenRecorded":"",${RECORDED},"corrections":[{"eventId":"e-","position":"","recordedAt":"","recordedBy":"","reason":"clerical","fields":["reason"]}],"retraction":null}`;
const PLEDGE =
  `{"entityKind":"pledge","id":"","revision":,"meetingId":"","forum":"","madeOn":${DATE},"initialStatus":"proposed","statusEntries":[${STATUS_ENTRY}],` +
  `"moneyEntries":[{"amount":,"currency":"USD","firmness":"","period":""}],${RECORDED},"corrections":[],"retraction":null,"by":["US","MX"],"accountable":[],"implementers":[],` +
  `"beneficiaries":[],"description":"","themes":[""],"dueDate":null,${SOURCE}}`;
/** Deltas back to an older version: `{"s":{"revision":0},"t":{"statusEntries":0}}` is the common one. */
const DELTA = '{"s":{"revision":,"statusEntries":[]},"t":{"statusEntries":},"d":[],"k":[]}';
/** The strings DEFLATE finds nearest are the cheapest to refer to: the commonest last. */
const DICTIONARY = Buffer.from(`in_progress stalled suspended partially_fulfilled fulfilled lapsed withdrawn superseded agreed not_yet_assessed ${MEETING}${STATUS_ENTRY}${PLEDGE}${DELTA}`);

/** Exported for the test that holds the reused streams equal to fresh ones. */
export const OPTIONS = { dictionary: DICTIONARY, level: 6 };

export type StoredBody = string | Buffer;

export function isCompressed(kind: EntityKind): boolean {
  return kind === 'pledge' || kind === 'meeting';
}

/** What `deflateRawSync` drives underneath: the native stream, stepped synchronously; `state` is [output left, input left]. */
type NativeZlib = { writeSync(flush: number, input: Buffer, inOff: number, inLen: number, out: Buffer, outOff: number, outLen: number): void; reset(): void };
type ZlibStream = { _handle: NativeZlib | null; _writeState: Uint32Array; destroyed: boolean };

/**
 * One native stream each way, reset after every body, where `deflateRawSync`/`inflateRawSync`
 * set up a new one per call: allocating its state and hashing the dictionary in cost more than
 * the deflating itself (~35 of ~55 µs a body), twice per entity version. `reset()` puts the
 * dictionary back, so every output is byte for byte what a fresh stream gives (the unit test
 * holds them equal). A stream that failed (a corrupt body) is replaced, and the error raised is
 * the one-shot call's.
 */
class ReusedZlib {
  private stream!: ZlibStream;
  private out = Buffer.allocUnsafe(64 * 1024);

  constructor(private readonly make: () => unknown) {
    this.renew();
  }

  private renew(): void {
    const stream = this.make() as ZlibStream & { on(event: 'error', listener: () => void): void };
    // A failure is thrown from `run`; the stream's own 'error' event, emitted later, must not end the process.
    stream.on('error', () => undefined);
    this.stream = stream;
  }

  /** The length of the whole output for `input`, written at the start of `out`. */
  private run(input: Buffer): number {
    const handle = this.stream._handle;
    if (!handle) this.renew();
    let inOff = 0;
    let inLen = input.length;
    let written = 0;
    for (;;) {
      const room = this.out.length - written;
      this.stream._handle!.writeSync(constants.Z_FINISH, input, inOff, inLen, this.out, written, room);
      if (this.stream.destroyed || !this.stream._handle) {
        this.renew();
        throw new Error('zlib stream failed');
      }
      const [outLeft, inLeft] = this.stream._writeState;
      written += room - outLeft;
      if (outLeft !== 0) break;
      // The output filled the scratch buffer: a larger one, and go on from where the input stopped.
      inOff += inLen - inLeft;
      inLen = inLeft;
      const bigger = Buffer.allocUnsafe(this.out.length * 2);
      this.out.copy(bigger, 0, 0, written);
      this.out = bigger;
    }
    this.stream._handle!.reset();
    return written;
  }

  bytes(input: Buffer): Buffer {
    const n = this.run(input); // first: it may replace `out`
    return Buffer.from(this.out.subarray(0, n));
  }

  text(input: Buffer): string {
    const n = this.run(input);
    return this.out.toString('utf8', 0, n);
  }
}

const deflater = new ReusedZlib(() => createDeflateRaw(OPTIONS));
const inflater = new ReusedZlib(() => createInflateRaw(OPTIONS));

/** The stored form of one body or delta (JSON text) of an entity of `kind`. */
export function encodeBody(kind: EntityKind, json: string): StoredBody {
  return isCompressed(kind) ? deflater.bytes(Buffer.from(json)) : json;
}

/** The JSON text back from what `encodeBody` stored. */
export function decodeBody(stored: StoredBody): string {
  if (typeof stored === 'string') return stored;
  try {
    return inflater.text(stored);
  } catch {
    // The one-shot call says what is wrong with it.
    return inflateRawSync(stored, OPTIONS).toString('utf8');
  }
}
