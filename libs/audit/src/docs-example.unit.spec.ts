import type { RecordedEvent } from '@concordat/shared-kernel';
import { canonicalBytes, dataDigest, leafHash, ledgerEnvelope } from './leaf-hash';
import { toHex } from './hex';

/**
 * The worked example of docs/auditing.md ("The leaf hash, byte by byte"): if this fails, the
 * document is wrong. The hex was cross-checked with Python's hashlib and json.dumps(sort_keys).
 */
describe('docs/auditing.md worked example', () => {
  const event = {
    id: '6f1d3c2a-9b4e-5f60-8a71-2c3d4e5f6a7b',
    type: 'PledgeMade',
    streamId: 'pledge-scg-5-pledge-1',
    revision: 0,
    position: 19n,
    recordedAt: '2025-03-01T09:30:00.123Z',
    data: { pledgeId: 'scg-5-pledge-1', text: 'Capacitar a 2 500 policías', status: 'announced', money: [{ amount: 2800000000, currency: 'USD' }] },
    metadata: { recordedBy: 'clerk-ana', correlationId: 'corr-42', schemaVersion: 1, effectiveOn: '2017-10', idempotencyKey: 'not covered' },
  } as RecordedEvent;

  it('gives the documented E, D and leaf hash', () => {
    const envelope = ledgerEnvelope(event, 17);
    expect(canonicalBytes(envelope).toString('utf8')).toBe(
      '{"causationId":null,"corrects":null,"correlationId":"corr-42","effectiveOn":"2017-10","eventId":"6f1d3c2a-9b4e-5f60-8a71-2c3d4e5f6a7b",' +
        '"recordedAt":"2025-03-01T09:30:00.123Z","recordedBy":"clerk-ana","revision":0,"schemaVersion":1,"sequence":17,' +
        '"streamId":"pledge-scg-5-pledge-1","type":"PledgeMade"}',
    );
    expect(canonicalBytes(envelope)).toHaveLength(300);
    expect(canonicalBytes(event.data).toString('utf8')).toBe(
      '{"money":[{"amount":2800000000,"currency":"USD"}],"pledgeId":"scg-5-pledge-1","status":"announced","text":"Capacitar a 2 500 policías"}',
    );
    expect(toHex(dataDigest(event.data))).toBe('ed07d5b3f7beb2e84f29ce8101034487e499ed0f4f91460d3f653dafa33e4865');
    expect(toHex(leafHash(envelope, dataDigest(event.data)))).toBe('299611577119ec155bed0c76b4c29334391a6a109aec7e3c07afb29a4a5526f4');
  });
});
