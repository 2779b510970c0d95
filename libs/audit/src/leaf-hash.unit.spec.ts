import { createHash } from 'node:crypto';
import type { RecordedEvent } from '@concordat/shared-kernel';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { canonicalBytes, dataDigest, envelopeJcs as writeEnvelopeJcs, plainJcs, leafHash, leafHashOfEvent, ledgerEnvelope } from './leaf-hash';
import { fromHex, toHex } from './hex';

const event: RecordedEvent = {
  id: '0b9e1c52-7a51-4d0e-9d57-4c1f6a0e2b11',
  type: 'MeetingRecorded',
  streamId: 'meeting-scg-5',
  revision: 0,
  position: 17n,
  recordedAt: '2025-03-01T09:30:00.123Z',
  data: { title: 'Quinta reunión del GCS', place: { country: 'MX', city: 'Ciudad de México' }, amount: 2800000000, ratio: 0.5, tags: ['€', 'a"b'] },
  metadata: {
    recordedBy: 'clerk@example.org',
    correlationId: 'corr-42',
    schemaVersion: 1,
    effectiveOn: '2017-10',
    idempotencyKey: 'not-covered-by-the-hash',
  },
};

// Written out by hand from the layout documented in leaf-hash.ts — JCS member order, nulls for
// absent metadata — so this test does not trust the canonicalizer it is checking.
const envelopeJcs =
  '{"causationId":null,"corrects":null,"correlationId":"corr-42","effectiveOn":"2017-10",' +
  '"eventId":"0b9e1c52-7a51-4d0e-9d57-4c1f6a0e2b11","recordedAt":"2025-03-01T09:30:00.123Z",' +
  '"recordedBy":"clerk@example.org","revision":0,"schemaVersion":1,"sequence":17,' +
  '"streamId":"meeting-scg-5","type":"MeetingRecorded"}';
const dataJcs =
  '{"amount":2800000000,"place":{"city":"Ciudad de México","country":"MX"},"ratio":0.5,' +
  '"tags":["€","a\\"b"],"title":"Quinta reunión del GCS"}';

const sha256 = (bytes: Buffer): Buffer => createHash('sha256').update(bytes).digest();
const expectedDigest = sha256(Buffer.from(dataJcs, 'utf8'));
const expectedLeaf = sha256(Buffer.concat([Buffer.from([0x00]), Buffer.from(envelopeJcs, 'utf8'), expectedDigest]));

describe('leaf hash', () => {
  it('matches the documented byte layout, built by hand', () => {
    expect(toHex(dataDigest(event.data))).toBe(toHex(expectedDigest));
    expect(toHex(leafHashOfEvent(event, 17))).toBe(toHex(expectedLeaf));
  });

  // Cross-checked once with Python's hashlib over the same two strings.
  it('is pinned, so a change to the layout cannot slip through unnoticed', () => {
    expect(toHex(expectedLeaf)).toBe('033ff4cae0e4d2bfdc6ccd922f566080f40fae1779cf9ac30609e26c16b68e8c');
  });

  it('writes the envelope byte for byte as the general JCS canonicalizer does, awkward strings and numbers included', () => {
    const awkward = ['', 'a"b\\c', '\u0000\u001f\u007f', 'Ciudad de México €', '\ud83d\ude00', '\ud800 lone', '\u2028\u2029', '</script>'];
    const numbers = [0, -0, 1, 2 ** 53 - 1, 1e21, 1.5, 0.000001, 1e-7];
    for (const [i, s] of awkward.entries()) {
      const envelope = {
        ...ledgerEnvelope(event, 1 + i),
        streamId: s, recordedBy: s, correlationId: `${s}x`, causationId: i % 2 ? s : null, corrects: i % 2 ? null : s, effectiveOn: i % 3 ? null : s,
        revision: i, schemaVersion: numbers[i % numbers.length],
      };
      expect(writeEnvelopeJcs(envelope)).toBe(canonicalize(envelope));
    }
  });

  it('writes any JSON value as canonicalize does, and leaves what is not plain JSON to it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(plainJcs(value)).toBe(canonicalize(value));
      }),
      { numRuns: 2000, seed: 15 },
    );
    const date = new Date(Date.UTC(2017, 9, 1));
    for (const odd of [{ a: undefined, b: 1 }, [1, undefined], { when: date }, date]) expect(canonicalBytes(odd).toString('utf8')).toBe(canonicalize(odd));
    expect(() => canonicalBytes({ n: Number.NaN })).toThrow('value has no canonical JSON form: NaN is not allowed');
  });

  it('builds the envelope with nulls for absent metadata and without uncovered metadata', () => {
    expect(ledgerEnvelope(event, 17)).toEqual({
      streamId: 'meeting-scg-5',
      revision: 0,
      sequence: 17,
      eventId: event.id,
      type: 'MeetingRecorded',
      schemaVersion: 1,
      effectiveOn: '2017-10',
      recordedAt: '2025-03-01T09:30:00.123Z',
      recordedBy: 'clerk@example.org',
      correlationId: 'corr-42',
      causationId: null,
      corrects: null,
    });
  });

  it('changes with the sequence, the data and any envelope member', () => {
    const base = toHex(leafHashOfEvent(event, 17));
    expect(toHex(leafHashOfEvent(event, 18))).not.toBe(base);
    expect(toHex(leafHashOfEvent({ ...event, data: { ...event.data, ratio: 0.25 } }, 17))).not.toBe(base);
    const corrected = { ...event, metadata: { ...event.metadata, corrects: 'evt-1' } };
    expect(toHex(leafHashOfEvent(corrected, 17))).not.toBe(base);
    // Key order in the input is irrelevant: JCS sorts.
    const reordered = { ...event, data: { tags: ['€', 'a"b'], ratio: 0.5, title: 'Quinta reunión del GCS', amount: 2800000000, place: { city: 'Ciudad de México', country: 'MX' } } };
    expect(toHex(leafHashOfEvent(reordered, 17))).toBe(base);
  });

  it('rejects envelopes and data that have no exact canonical form', () => {
    const envelope = ledgerEnvelope(event, 17);
    const digest = dataDigest(event.data);
    expect(() => leafHash({ ...envelope, extra: 1 } as never, digest)).toThrow(expect.objectContaining({ code: 'AUDIT.BAD_ENVELOPE' }));
    expect(() => leafHash({ ...envelope, causationId: undefined } as never, digest)).toThrow(expect.objectContaining({ code: 'AUDIT.BAD_ENVELOPE' }));
    expect(() => leafHash({ ...envelope, sequence: 0 }, digest)).toThrow(expect.objectContaining({ code: 'AUDIT.BAD_ENVELOPE' }));
    expect(() => leafHash(envelope, digest.subarray(1))).toThrow(expect.objectContaining({ code: 'AUDIT.BAD_HASH' }));
    expect(() => dataDigest({ x: Number.NaN })).toThrow(expect.objectContaining({ code: 'AUDIT.NOT_JSON' }));
  });

  it('decodes hex strictly', () => {
    expect(() => fromHex('abz0')).toThrow(expect.objectContaining({ code: 'AUDIT.BAD_HEX' }));
    expect(() => fromHex('ABCD')).toThrow(expect.objectContaining({ code: 'AUDIT.BAD_HEX' }));
    expect(() => fromHex('abcd', 32)).toThrow(expect.objectContaining({ code: 'AUDIT.BAD_HEX' }));
    expect(toHex(fromHex('00ff'))).toBe('00ff');
  });
});
