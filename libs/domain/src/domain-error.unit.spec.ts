import { DomainError, errorKindOf, type DomainErrorCode } from './domain-error';

describe('DomainError', () => {
  it.each<[DomainErrorCode, number]>([
    ['ADMINISTRATION.ALREADY_EXISTS', 409],
    ['MEETING.RETRACTED', 409],
    ['PLEDGE.RETRACTED', 409],
    ['FORUM.NOT_FOUND', 404],
    ['PLEDGE.NOT_FOUND', 404],
    ['PLEDGE.ILLEGAL_TRANSITION', 422],
    ['REFERENCE.UNKNOWN_FORUM', 422],
    ['REFERENCE.UNKNOWN_THEME', 422],
    ['THEME.INVALID', 422],
  ])('maps %s to HTTP %i', (code, status) => {
    expect(new DomainError(code, 'x').httpStatusHint).toBe(status);
  });

  it('carries a stable code, a message and JSON details', () => {
    const error = DomainError.notFound('PLEDGE', 'scg-5-pledge-1', { entryId: 'entry-9' });
    expect(error).toBeInstanceOf(Error);
    expect(error.kind).toBe('not_found');
    expect(errorKindOf('MEETING.ALREADY_EXISTS')).toBe('conflict');
    expect(error.toJSON()).toEqual({
      code: 'PLEDGE.NOT_FOUND',
      message: 'Pledge scg-5-pledge-1 has no entry entry-9',
      details: { id: 'scg-5-pledge-1', entryId: 'entry-9' },
    });
    expect(DomainError.invalid('MEETING', 'heldOn.date', 'is in the future').details).toEqual({ field: 'heldOn.date' });
  });
});
