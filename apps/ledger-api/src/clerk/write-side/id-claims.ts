import { ConflictException } from '@nestjs/common';
import type { IdClaim, IdClaimedError } from '@concordat/event-store';

/**
 * The unique ids a write promises, as claims the event store takes in the same transaction as
 * the write's events (see IdClaim). Holders are stream ids, so a 409 can name the record.
 */
export const pledgeIdClaim = (pledgeId: string, holder: string): IdClaim => ({ key: `pledge:${pledgeId}`, holder });

/** A forum's meeting sequence is unique when given: the second "fifth SCG meeting" is refused. */
export const meetingSequenceClaim = (forum: string, sequence: number, holder: string): IdClaim => ({ key: `meeting-sequence:${forum}:${sequence}`, holder });

/** The 409 for an id another record holds, naming the id and the holder. */
export function claimConflict(error: Pick<IdClaimedError, 'key' | 'holder'>): ConflictException {
  const pledge = /^pledge:(.+)$/.exec(error.key);
  if (pledge) {
    return new ConflictException({
      code: 'PLEDGE.ALREADY_EXISTS',
      message: `Pledge id ${pledge[1]} is already taken by ${error.holder}; choose another id (nothing was written)`,
      context: { pledgeId: pledge[1], heldBy: error.holder },
    });
  }
  const sequence = /^meeting-sequence:(.+):(\d+)$/.exec(error.key);
  if (sequence) {
    const meetingId = error.holder.replace(/^meeting-/, '');
    return new ConflictException({
      code: 'MEETING.SEQUENCE_TAKEN',
      message: `Meeting number ${sequence[2]} of ${sequence[1]} is already recorded as ${meetingId}; correct that meeting instead (nothing was written)`,
      context: { forum: sequence[1], sequence: Number(sequence[2]), meetingId, heldBy: error.holder },
    });
  }
  return new ConflictException({ code: 'CONFLICT', message: `${error.key} is already taken by ${error.holder}`, context: { key: error.key, heldBy: error.holder } });
}
