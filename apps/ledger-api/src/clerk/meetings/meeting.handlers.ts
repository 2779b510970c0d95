import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { defaultPledgeId, meetingDecider, resolveMeetingId, streamIdOf, type MeetingEvent, type MeetingState } from '@concordat/domain';
import type { IdClaim } from '@concordat/event-store';
import type { JsonObject } from '@concordat/shared-kernel';
import { AggregateExecutor } from '../write-side/aggregate-executor';
import { claimConflict, meetingSequenceClaim, pledgeIdClaim } from '../write-side/id-claims';
import { writeResult } from '../write-side/write-result';
import { CorrectMeetingCommand, RecordMinutesCommand } from './meeting.commands';
import { MinutesCompletionProcess } from './minutes-completion.process';


/**
 * The meeting stream's append takes every id the minutes promise (their pledge ids, and the
 * forum's meeting number when given) in the same transaction: of two racing minutes one wins,
 * the other writes nothing and gets 409 naming the id and its holder.
 */
@CommandHandler(RecordMinutesCommand)
export class RecordMinutesHandler implements ICommandHandler<RecordMinutesCommand> {
  constructor(
    private readonly executor: AggregateExecutor,
    private readonly completion: MinutesCompletionProcess,
  ) {}

  async execute({ input, ctx }: RecordMinutesCommand): Promise<JsonObject> {
    // Validation of large minutes ran in this turn of the event loop; the decision waits for the
    // next, so that other requests are answered between the two.
    await nextTurn();
    const meetingId = resolveMeetingId(input);
    const holder = streamIdOf('meeting', meetingId);
    const pledgeIds = (input.pledges ?? []).map((p, i) => p.id ?? defaultPledgeId(meetingId, i + 1));
    const meeting = await this.executor.execute(meetingDecider, holder, { type: 'RecordMinutes', data: input }, ctx, async (decided) => {
      // After the decision, so that a bad request hears about its own mistakes first.
      await this.assertFreeInOlderRecords(meetingId, input.forum, input.sequence, pledgeIds);
      return { claims: decided.flatMap((e: MeetingEvent) => (e.type === 'MinutesRecorded' ? claimsOfMinutes(e.data, holder) : [])) };
    });
    const minutes = meeting.events.find((e) => e.type === 'MinutesRecorded') as { id: string; data: JsonObject } | undefined;
    if (!minutes) throw new Error(`MinutesRecorded missing from the write to ${holder}`);
    const pledges = await this.completion.complete({ id: minutes.id, data: minutes.data, metadata: { recordedBy: ctx.principal.id, correlationId: ctx.correlationId, schemaVersion: 1 } });
    return writeResult(meetingId, [meeting, ...pledges], { meetingId, pledgeIds });
  }

  /**
   * Records written before ids were claimed hold no claim: look for them directly. (Racing writers
   * are kept apart by the claims; this only finds what was already there.)
   */
  private async assertFreeInOlderRecords(meetingId: string, forum: string, sequence: number | undefined, pledgeIds: string[]): Promise<void> {
    for (const [i, id] of pledgeIds.entries()) {
      if (i > 0 && i % 50 === 0) await nextTurn(); // 200 reads at once held the loop too long
      const history = await this.executor.read(streamIdOf('pledge', id));
      if (history.length > 0 && history[0].data.meetingId !== meetingId) {
        const holder = typeof history[0].data.meetingId === 'string' ? streamIdOf('meeting', history[0].data.meetingId) : streamIdOf('pledge', id);
        throw claimConflict({ key: pledgeIdClaim(id, holder).key, holder });
      }
    }
    if (sequence === undefined || sequence === null) return;
    const usual = `${forum}-${sequence}`;
    if (usual === meetingId) return;
    const first = (await this.executor.read(streamIdOf('meeting', usual)))[0];
    if (first?.type === 'MinutesRecorded' && first.data.forum === forum && first.data.sequence === sequence) {
      throw claimConflict(meetingSequenceClaim(forum, sequence, streamIdOf('meeting', usual)));
    }
  }
}

function claimsOfMinutes(data: { forum: string; sequence: number | null; pledges: Array<{ pledgeId: string }> }, holder: string): IdClaim[] {
  const claims = data.pledges.map((p) => pledgeIdClaim(p.pledgeId, holder));
  if (data.sequence !== null) claims.push(meetingSequenceClaim(data.forum, data.sequence, holder));
  return claims;
}

/** A corrected meeting number moves its claim; retracted minutes give theirs up (the correct minutes may then take it). */
function sequenceClaimsOfCorrection(decided: MeetingEvent[], state: MeetingState, holder: string): { claims: IdClaim[]; releases: IdClaim[] } {
  const out = { claims: [] as IdClaim[], releases: [] as IdClaim[] };
  if (state.lifecycle === 'absent') return out;
  const old = state.facts.sequence;
  for (const event of decided) {
    const moved = event.type === 'MeetingCorrected' && 'sequence' in event.data.changes ? (event.data.changes.sequence ?? null) : old;
    const retracted = event.type === 'MeetingRetracted';
    if (old !== null && (retracted || moved !== old)) out.releases.push(meetingSequenceClaim(state.forum, old, holder));
    if (!retracted && moved !== null && moved !== old) out.claims.push(meetingSequenceClaim(state.forum, moved, holder));
  }
  return out;
}

@CommandHandler(CorrectMeetingCommand)
export class CorrectMeetingHandler implements ICommandHandler<CorrectMeetingCommand> {
  constructor(
    private readonly executor: AggregateExecutor,
    private readonly process: MinutesCompletionProcess,
  ) {}

  async execute({ meetingId, input, ctx }: CorrectMeetingCommand): Promise<JsonObject> {
    const holder = streamIdOf('meeting', meetingId);
    const write = await this.executor.execute(meetingDecider, holder, { type: 'CorrectMeeting', data: { meetingId, input } }, ctx, (decided, state) =>
      sequenceClaimsOfCorrection(decided, state, holder),
    );
    const retraction = write.events.find((e) => e.type === 'MeetingRetracted');
    if (!retraction) return writeResult(meetingId, [write]);
    // Pledges recorded from minutes entered in error are in error too.
    const metadata = { recordedBy: ctx.principal.id, correlationId: ctx.correlationId, schemaVersion: 1 };
    const pledges = await this.process.retractPledges({ id: retraction.id, metadata }, meetingId, input.reason);
    return writeResult(meetingId, [write, ...pledges]);
  }
}

export const MEETING_HANDLERS = [RecordMinutesHandler, CorrectMeetingHandler];

