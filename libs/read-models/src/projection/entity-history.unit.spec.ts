import fc from 'fast-check';
import { bodiesKnownAt, olderVersion, versionDelta, type StoredVersion } from './entity-history';

const KEYS = ['id', 'revision', 'statusEntries', 'corrections', 'retraction', 'madeOn', 'extra'];
const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 4 }), fc.constant(undefined));
const body = fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: KEYS.length });

/** A newer version as evolvers make one: some fields kept (the same objects), some lists grown, some replaced, added or dropped, in any order. */
const versions = fc
  .tuple(body, body, fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }), fc.boolean())
  .map(([older, changes, appended, reorder]) => {
    const newer: Record<string, unknown> = { ...older };
    for (const [k, v] of Object.entries(changes)) {
      if (Array.isArray(older[k]) && appended.length > 0) newer[k] = [...(older[k] as unknown[]), ...appended];
      else if (v === undefined) delete newer[k];
      else newer[k] = v;
    }
    const ordered = reorder ? Object.fromEntries(Object.entries(newer).reverse()) : newer;
    return { older, newer: ordered };
  });

const asStored = (o: object) => JSON.parse(JSON.stringify(o)) as object;

describe('entity versions kept as deltas', () => {
  it('gives back the older version, byte for byte as JSON, from the newer one as stored', () => {
    fc.assert(
      fc.property(versions, ({ older, newer }) => {
        const delta = asStored(versionDelta(newer, older));
        expect(JSON.stringify(olderVersion(asStored(newer), delta))).toBe(JSON.stringify(older));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the version in force at an instant, walking back from the current one', () => {
    const v1 = { id: 'p', revision: 0, statusEntries: [] as object[] };
    const v2 = { ...v1, revision: 1, statusEntries: [{ status: 'in_progress' }] };
    const v3 = { ...v2, revision: 2, statusEntries: [...v2.statusEntries, { status: 'stalled' }], retraction: { reason: 'error' } };
    // newest first, as the knownAt read orders them; the oldest is superseded by 2024-02, so it is not read
    const rows: StoredVersion[] = [
      { eid: 'p', body: JSON.stringify(v3), rec_from_at: '2024-03', rec_to_at: null },
      { eid: 'p', body: JSON.stringify(versionDelta(v3, v2)), rec_from_at: '2024-02', rec_to_at: '2024-03' },
    ];
    expect(bodiesKnownAt(rows, '2024-03')).toEqual([v3]);
    expect(bodiesKnownAt(rows, '2024-02')).toEqual([v2]);
    expect(bodiesKnownAt([...rows, { eid: 'p', body: JSON.stringify(versionDelta(v2, v1)), rec_from_at: '2024-01', rec_to_at: '2024-02' }], '2024-01')).toEqual([v1]);
    // not recorded yet at the instant: nothing
    expect(bodiesKnownAt(rows, '2023-12')).toEqual([]);
  });
});
