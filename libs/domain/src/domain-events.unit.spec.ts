import { DOMAIN_EVENT_TYPES, effectiveOnOf, isDomainEventType } from './domain-events';
import { toEventData } from './json';
import { parseStreamId, streamIdOf } from './stream-ids';
import { pledgeMade, statusChanged } from './testing/pledge-fixtures';

describe('Domain events and stream ids', () => {
  it('lists every event type once', () => {
    expect(new Set(DOMAIN_EVENT_TYPES).size).toBe(DOMAIN_EVENT_TYPES.length);
    expect(DOMAIN_EVENT_TYPES).toHaveLength(16);
    expect(isDomainEventType('PledgeStatusChanged')).toBe(true);
    expect(isDomainEventType('PledgeDeleted')).toBe(false);
  });

  it('gives the world date an event takes effect on, or null for corrections', () => {
    expect(effectiveOnOf(pledgeMade())).toBe('2014-01-10');
    expect(effectiveOnOf(statusChanged('e', 'agreed', 'stalled', '2016'))).toBe('2016');
    expect(effectiveOnOf({ type: 'PledgeRetracted', data: { pledgeId: 'p', reason: 'r' } })).toBeNull();
  });

  it('exposes event data as the envelope JSON type', () => {
    const event = pledgeMade();
    expect(toEventData(event)).toBe(event.data);
  });

  it('names streams <category>-<id> and parses them back', () => {
    expect(streamIdOf('administration', 'US-obama')).toBe('administration-US-obama');
    expect(parseStreamId('meeting-scg-2016-10-14')).toEqual({ category: 'meeting', id: 'scg-2016-10-14' });
    expect(parseStreamId('meeting-')).toBeNull();
    expect(parseStreamId('ledger-x')).toBeNull();
    expect(parseStreamId('pledge')).toBeNull();
  });
});
