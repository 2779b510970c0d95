import { withoutOperatorFields } from './operator-identities.interceptor';

describe('withoutOperatorFields', () => {
  const answer = () => ({
    asOf: '2016-12-31',
    items: [
      { id: 'p-1', recordedBy: 'clerk-ana', history: [{ status: 'agreed', recordedBy: 'clerk-ana', correlationId: 'c-1', evidence: { quote: 'recordedBy' } }] },
      { id: 'p-2', evidence: [{ document: 'a.txt' }] },
    ],
    coverage: { from: '2007', to: '2019' },
  });

  it('leaves no recordedBy or correlationId key at any depth, and every other key and value as it was', () => {
    const stripped = withoutOperatorFields(answer());
    expect(stripped).toEqual({
      asOf: '2016-12-31',
      items: [
        { id: 'p-1', history: [{ status: 'agreed', evidence: { quote: 'recordedBy' } }] },
        { id: 'p-2', evidence: [{ document: 'a.txt' }] },
      ],
      coverage: { from: '2007', to: '2019' },
    });
    expect(JSON.stringify(stripped)).not.toMatch(/"(recordedBy|correlationId)":/);
  });

  it('never changes the answer it is given (the auditor\'s view of the same objects stays whole)', () => {
    const original = answer();
    const before = JSON.stringify(original);
    withoutOperatorFields(original);
    expect(JSON.stringify(original)).toBe(before);
  });

  it('copies only what leads to an operator field: the rest is shared, and an answer without any comes back as it is', () => {
    const original = answer();
    const stripped = withoutOperatorFields(original);
    expect(stripped).not.toBe(original);
    expect(stripped.items[0]).not.toBe(original.items[0]);
    expect(stripped.items[1]).toBe(original.items[1]);
    expect(stripped.coverage).toBe(original.coverage);
    const clean = { items: [{ id: 'x', tags: ['a'] }] };
    expect(withoutOperatorFields(clean)).toBe(clean);
    expect(withoutOperatorFields('text')).toBe('text');
    expect(withoutOperatorFields(null)).toBeNull();
  });
});
