import { deflateRawSync, inflateRawSync } from 'node:zlib';
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

const OPTIONS = { dictionary: DICTIONARY, level: 6 };

export type StoredBody = string | Buffer;

export function isCompressed(kind: EntityKind): boolean {
  return kind === 'pledge' || kind === 'meeting';
}

/** The stored form of one body or delta (JSON text) of an entity of `kind`. */
export function encodeBody(kind: EntityKind, json: string): StoredBody {
  return isCompressed(kind) ? deflateRawSync(json, OPTIONS) : json;
}

/** The JSON text back from what `encodeBody` stored. */
export function decodeBody(stored: StoredBody): string {
  return typeof stored === 'string' ? stored : inflateRawSync(stored, OPTIONS).toString('utf8');
}
