import { normalizeAll, normalizeChanges, requireReason } from '../common/fields';
import { requireKnownForum } from '../common/references';
import { InputValidator, isAbsent, isRecord } from '../common/validation';
import type { Decider, DecisionContext } from '../decider';
import { DomainError } from '../domain-error';
import { resolveMeetingId } from '../stream-ids';
import type { CorrectMeeting, MeetingCommand, RecordMinutes } from './meeting.commands';
import type { MeetingEvent, MeetingFacts } from './meeting.events';
import { meetingRules, minutesPledges, requireKnownPriorityThemes } from './meeting-rules';

// ---- state ---------------------------------------------------------------------------------

type MeetingRecord = { meetingId: string; forum: string; facts: MeetingFacts; pledgeIds: string[] };

export type MeetingState =
  | { lifecycle: 'absent' }
  | ({ lifecycle: 'recorded' } & MeetingRecord)
  | ({ lifecycle: 'retracted'; retractionReason: string } & MeetingRecord);

export function initialState(): MeetingState {
  return { lifecycle: 'absent' };
}

export function evolve(state: MeetingState, event: MeetingEvent): MeetingState {
  switch (event.type) {
    case 'MinutesRecorded': {
      const { meetingId, forum, pledges, ...facts } = event.data;
      return { lifecycle: 'recorded', meetingId, forum, facts, pledgeIds: pledges.map((p) => p.pledgeId) };
    }
    case 'MeetingCorrected':
      return state.lifecycle === 'absent' ? state : { ...state, facts: { ...state.facts, ...event.data.changes } };
    case 'MeetingRetracted':
      return state.lifecycle === 'absent' ? state : { ...state, lifecycle: 'retracted', retractionReason: event.data.reason };
    default: {
      const _: never = event;
      return state;
    }
  }
}

// ---- decide --------------------------------------------------------------------------------

function recordMinutes(command: RecordMinutes, state: MeetingState, context: DecisionContext): MeetingEvent[] {
  if (state.lifecycle === 'recorded') throw DomainError.alreadyExists('MEETING', state.meetingId);
  if (state.lifecycle === 'retracted') throw DomainError.retracted('MEETING', state.meetingId);
  const input = command.data ?? {};
  const v = InputValidator.for('MEETING', context);
  // The parts of the default id are checked first, so a bad id is blamed on the field at fault.
  const forum = v.slug('forum', input.forum);
  v.partialDate('heldOn', input.heldOn);
  if (!isAbsent(input.sequence)) v.positiveInteger('sequence', input.sequence);
  // An explicit id is checked as given: a malformed one must not silently fall back to the default.
  const meetingId = v.slug('id', isAbsent(input.id) ? resolveMeetingId(input) : input.id);
  requireKnownForum(context, forum, 'forum');
  const source = v.source('source', input.source);
  const facts = normalizeAll(v, meetingRules(source), input);
  requireKnownPriorityThemes(context, facts.priorities, 'priorities');
  const pledges = minutesPledges(v, input.pledges, meetingId, source, context);
  return [{ type: 'MinutesRecorded', data: { meetingId, forum, ...facts, pledges } }];
}

function correctMeeting(command: CorrectMeeting, state: MeetingState, context: DecisionContext): MeetingEvent[] {
  const { meetingId } = command.data;
  if (state.lifecycle === 'absent') throw DomainError.notFound('MEETING', meetingId);
  if (state.lifecycle === 'retracted') throw DomainError.retracted('MEETING', meetingId);
  const input = command.data.input ?? {};
  const v = InputValidator.for('MEETING', context);
  const reason = requireReason(v, input.reason);
  const retract = input.retract === true;
  if (retract === (input.changes !== undefined)) {
    throw v.error(retract ? 'retract' : 'changes', 'exactly one of changes and retract must be given');
  }
  if (retract) return [{ type: 'MeetingRetracted', data: { meetingId, reason } }];
  // Priorities without their own source cite the minutes as they will stand after the fix.
  const newSource = isRecord(input.changes) && !isAbsent(input.changes.source) ? v.source('changes.source', input.changes.source) : null;
  const changes = normalizeChanges(v, meetingRules(newSource ?? state.facts.source), input.changes);
  if (changes.priorities) requireKnownPriorityThemes(context, changes.priorities, 'changes.priorities');
  return [{ type: 'MeetingCorrected', data: { meetingId, reason, changes } }];
}

export function decide(command: MeetingCommand, state: MeetingState, context: DecisionContext): MeetingEvent[] {
  switch (command.type) {
    case 'RecordMinutes':
      return recordMinutes(command, state, context);
    case 'CorrectMeeting':
      return correctMeeting(command, state, context);
    default: {
      const _: never = command;
      throw new Error(`Unknown meeting command ${JSON.stringify(_)}`);
    }
  }
}

export const meetingDecider: Decider<MeetingCommand, MeetingEvent, MeetingState> = { decide, evolve, initialState };
