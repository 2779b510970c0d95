import type { Decider } from '../decider';
import { DomainError } from '../domain-error';
import { deciderSpec } from './given-when-then';

type Counter = { count: number; seen: string[] };
type Event = { type: 'Counted'; data: { by: number; note?: string } };

/** A deliberately faulty decider: it mutates state or emits non-JSON data on request. */
const faulty: Decider<{ type: 'Count'; data: { by: number; fault?: 'mutate' | 'undefined' } }, Event, Counter> = {
  initialState: () => ({ count: 0, seen: [] }),
  evolve: (state, event) => ({ count: state.count + event.data.by, seen: [...state.seen, event.type] }),
  decide: (command, state) => {
    if (command.data.by < 0) throw new DomainError('PLEDGE.INVALID', 'negative', { field: 'by' });
    if (command.data.fault === 'mutate') state.seen.push('oops');
    return [{ type: 'Counted', data: command.data.fault === 'undefined' ? { by: command.data.by, note: undefined } : { by: command.data.by } }];
  },
};
const given = deciderSpec(faulty);
const counted: Event = { type: 'Counted', data: { by: 1 } };

describe('given/when/then helper', () => {
  it('folds the given events, runs decide and returns the new state', () => {
    expect(given([counted]).when({ type: 'Count', data: { by: 2 } }).then([{ type: 'Counted', data: { by: 2 } }])).toEqual({ count: 3, seen: ['Counted', 'Counted'] });
  });

  it('checks the error code and details', () => {
    expect(given([]).when({ type: 'Count', data: { by: -1 } }).thenThrows('PLEDGE.INVALID', { field: 'by' }).message).toBe('negative');
  });

  it('fails a decider that mutates its state', () => {
    expect(() => given([counted]).when({ type: 'Count', data: { by: 1, fault: 'mutate' } }).then([])).toThrow(TypeError);
  });

  it('fails events that are not plain JSON', () => {
    expect(() => given([]).when({ type: 'Count', data: { by: 1, fault: 'undefined' } }).then([{ type: 'Counted', data: { by: 1, note: undefined } }])).toThrow();
  });

  it('fails when no DomainError is thrown', () => {
    expect(() => given([]).when({ type: 'Count', data: { by: 1 } }).thenThrows('PLEDGE.INVALID')).toThrow('expected PLEDGE.INVALID');
  });
});
