import type { MeetingEvent, MeetingFacts } from '@concordat/domain';
import type { RecordedEvent } from '@concordat/shared-kernel';
import { corrected, provenanceOf, retractionNote, type CorrectionNote, type Provenance, type RetractionNote } from './provenance';

/**
 * A meeting as the read side keeps it. Pledges live on their own streams; the minutes only
 * name them, so a meeting keeps the ids and reports join the pledges in.
 */
export type MeetingView = {
  entityKind: 'meeting';
  id: string;
  revision: number;
  forum: string;
  pledgeIds: string[];
  recorded: Provenance;
  corrections: CorrectionNote[];
  /** Retracted minutes stay on the record (an auditor may ask for them) but count nowhere. */
  retraction: RetractionNote | null;
} & MeetingFacts;

export function evolveMeeting(current: MeetingView | undefined, event: MeetingEvent, recorded: RecordedEvent): MeetingView | undefined {
  switch (event.type) {
    case 'MinutesRecorded': {
      const { meetingId, forum, pledges, ...facts } = event.data;
      return {
        entityKind: 'meeting',
        id: meetingId,
        revision: recorded.revision,
        forum,
        pledgeIds: pledges.map((p) => p.pledgeId),
        recorded: provenanceOf(recorded),
        corrections: [],
        retraction: null,
        ...facts,
      };
    }
    case 'MeetingCorrected':
      return current && corrected(current, event.data, recorded);
    case 'MeetingRetracted':
      if (!current) return current;
      return { ...current, revision: recorded.revision, retraction: retractionNote(recorded, event.data.reason) };
    default: {
      const _: never = event;
      return current;
    }
  }
}
