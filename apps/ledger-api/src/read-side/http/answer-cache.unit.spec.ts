import { ANSWER_CACHE_ENTRIES, AnswerCache } from './answer-cache';

describe('AnswerCache', () => {
  const answer = (json: string) => ({ etag: `"${json.length}"`, json });

  it('answers the same question at the same position from what was sent, without computing it again', () => {
    const cache = new AnswerCache();
    const compute = jest.fn(() => answer('{"a":1}'));
    expect(cache.through(5n, 'public|/v1/pledges?|2016-12-31', compute)).toEqual(answer('{"a":1}'));
    expect(cache.through(5n, 'public|/v1/pledges?|2016-12-31', compute)).toEqual(answer('{"a":1}'));
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('computes again once the read models moved, and keeps another question or audience apart', () => {
    const cache = new AnswerCache();
    cache.through(5n, 'public|q', () => answer('{"before":1}'));
    expect(cache.through(5n, 'operators|q', () => answer('{"operators":1}')).json).toBe('{"operators":1}');
    expect(cache.through(5n, 'public|q2', () => answer('{"other":1}')).json).toBe('{"other":1}');
    expect(cache.through(6n, 'public|q', () => answer('{"after":1}')).json).toBe('{"after":1}');
    expect(cache.size).toBe(1);
  });

  it('keeps no error: a question that threw is asked again', () => {
    const cache = new AnswerCache();
    expect(() => cache.through(1n, 'q', () => { throw new Error('not found'); })).toThrow('not found');
    expect(cache.through(1n, 'q', () => answer('{}')).json).toBe('{}');
  });

  it('holds at most ANSWER_CACHE_ENTRIES answers, forgetting the least recently used first', () => {
    const cache = new AnswerCache();
    for (let i = 0; i < ANSWER_CACHE_ENTRIES; i++) cache.through(1n, `q${i}`, () => answer(`{"n":${i}}`));
    cache.through(1n, 'q0', () => answer('recomputed')); // q0 is now the most recent
    cache.through(1n, 'one more', () => answer('{}'));
    expect(cache.size).toBe(ANSWER_CACHE_ENTRIES);
    expect(cache.through(1n, 'q0', () => answer('recomputed')).json).toBe('{"n":0}');
    expect(cache.through(1n, 'q1', () => answer('recomputed')).json).toBe('recomputed');
  });
});
