import fc from 'fast-check';
import { decodeBody, encodeBody } from './entity-bodies';

const pledge = JSON.stringify({
  entityKind: 'pledge',
  id: 'forum-0-1-pledge-1',
  revision: 2,
  madeOn: { date: '2016/2017', approximate: false, reasoning: null },
  statusEntries: [{ entryId: 'forum-0-1-pledge-1-s1', status: 'withdrawn', recorded: { eventId: 'e-112', position: '97', recordedAt: '2026-12-02T05:17:48.447Z', recordedBy: 'clerk' } }],
  description: 'Pledge 1 — “quoted”, with accents: Peña Nieto',
});

describe('entity bodies as stored', () => {
  it('gives back every JSON text of a pledge or meeting exactly, whatever it holds', () => {
    fc.assert(
      fc.property(fc.constantFrom('pledge' as const, 'meeting' as const), fc.jsonValue(), (kind, value) => {
        const json = JSON.stringify(value) ?? 'null';
        expect(decodeBody(encodeBody(kind, json))).toBe(json);
      }),
    );
  });

  it('deflates pledge and meeting bodies to a fraction of their text, and keeps the reference kinds as text', () => {
    const stored = encodeBody('pledge', pledge);
    expect(Buffer.isBuffer(stored)).toBe(true);
    expect(stored.length).toBeLessThan(Buffer.byteLength(pledge) / 2);
    expect(decodeBody(stored)).toBe(pledge);
    const administration = JSON.stringify({ entityKind: 'administration', id: 'US-obama' });
    expect(encodeBody('administration', administration)).toBe(administration);
    expect(decodeBody(administration)).toBe(administration);
  });
});
