import type { MinutesRecorded } from '../meeting/meeting.events';
import type { MakePledge } from './pledge.commands';

/**
 * The commands a process manager issues after MinutesRecorded: one MakePledge per pledge,
 * each for its own stream, made on the day the meeting was held. Replaying them is harmless:
 * a pledge that already exists is refused with PLEDGE.ALREADY_EXISTS.
 */
export function makePledgeCommandsFromMinutes(event: MinutesRecorded): MakePledge[] {
  const { meetingId, forum, heldOn, pledges } = event.data;
  return pledges.map((pledge) => ({ type: 'MakePledge', data: { origin: 'minutes', meetingId, forum, madeOn: heldOn, pledge } }));
}
