import type { CorrectMeetingInput, RecordMinutesInput } from '../ledger-inputs';

/** The meeting id is resolved from the input (see resolveMeetingId), so the command carries none. */
export type RecordMinutes = { type: 'RecordMinutes'; data: RecordMinutesInput };

/** Exactly one of `changes` and `retract: true`. */
export type CorrectMeeting = { type: 'CorrectMeeting'; data: { meetingId: string; input: CorrectMeetingInput } };

export type MeetingCommand = RecordMinutes | CorrectMeeting;
