import { DecodedBodies } from './decoded-bodies';
import { encodeBody } from './entity-bodies';

const stored = (json: object) => encodeBody('pledge', JSON.stringify(json));

describe('current bodies kept decoded', () => {
  it('decodes a version once: asked again, the same parsed body comes back even if what is passed is not read', () => {
    const bodies = new DecodedBodies();
    const first = bodies.body<{ revision: number }>('pledge', 'p-1', 7, stored({ revision: 1 }));
    expect(first).toEqual({ revision: 1 });
    // Only the key decides: the stored bytes of a kept version are not decoded again.
    expect(bodies.body('pledge', 'p-1', 7, Buffer.from('not deflate'))).toBe(first);
  });

  it('peeks only at what it keeps', () => {
    const bodies = new DecodedBodies();
    expect(bodies.peek('pledge', 'p-1', 7)).toBeUndefined();
    const body = bodies.body('pledge', 'p-1', 7, stored({ revision: 1 }));
    expect(bodies.peek('pledge', 'p-1', 7)).toBe(body);
    expect(bodies.peek('pledge', 'p-1', 8)).toBeUndefined();
  });

  it('tells versions, entities and kinds apart: a new version of an entity is decoded from its own body', () => {
    const bodies = new DecodedBodies();
    bodies.body('pledge', 'p-1', 7, stored({ revision: 1 }));
    expect(bodies.body('pledge', 'p-1', 9, stored({ revision: 2 }))).toEqual({ revision: 2 });
    expect(bodies.body('pledge', 'p-2', 7, stored({ id: 'p-2' }))).toEqual({ id: 'p-2' });
    expect(bodies.body('meeting', 'p-1', 7, stored({ entityKind: 'meeting' }))).toEqual({ entityKind: 'meeting' });
  });

  it('freezes what it shares, deeply: a report changing a body throws instead of changing the next answer', () => {
    const body = new DecodedBodies().body<{ statusEntries: { status: string }[] }>('pledge', 'p-1', 1, stored({ statusEntries: [{ status: 'agreed' }] }));
    expect(() => {
      'use strict';
      body.statusEntries[0].status = 'lapsed';
    }).toThrow(TypeError);
    expect(() => body.statusEntries.push({ status: 'lapsed' })).toThrow(TypeError);
  });

  it('keeps at most its bound of JSON, forgetting the least recently used first', () => {
    const json = { description: 'x'.repeat(90) }; // ~107 characters each
    const bodies = new DecodedBodies(16 * 110 * 3);
    const a = bodies.body('pledge', 'a', 1, stored(json));
    for (let i = 0; i < 100; i++) {
      bodies.body('pledge', 'a', 1, stored(json)); // a stays the most recently used
      bodies.body('pledge', `other-${i}`, 1, stored(json));
      expect(bodies.size).toBeLessThanOrEqual(48);
    }
    expect(bodies.body('pledge', 'a', 1, stored(json))).toBe(a);
    // The oldest was forgotten: asked again, it is decoded from what is passed.
    expect(() => bodies.body('pledge', 'other-0', 1, Buffer.from('not deflate'))).toThrow();
  });
});
