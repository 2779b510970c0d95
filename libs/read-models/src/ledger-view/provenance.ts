import type { RecordedEvent } from '@concordat/shared-kernel';

/**
 * The recorded-time half of the two clocks, kept on every fact of a view so that an auditor
 * sees who put it on the record and when. Positions are strings: views are stored as JSON.
 */
export type Provenance = { eventId: string; position: string; recordedAt: string; recordedBy: string };

/** A clerical fix: why, which fields it replaced, and when the ledger learned of it. */
export type CorrectionNote = Provenance & { reason: string; fields: string[] };

/** An entry made in error: it stays visible, but no longer counts. */
export type RetractionNote = Provenance & { reason: string };

/**
 * One spelling of an instant, so that `knownAt` compares as a plain string in JavaScript and in
 * SQL alike (adapters may differ in precision or zone notation).
 */
export function normalizeInstant(value: string): string {
  return new Date(value).toISOString();
}

export function provenanceOf(event: RecordedEvent): Provenance {
  return {
    eventId: event.id,
    position: event.position.toString(),
    recordedAt: normalizeInstant(event.recordedAt),
    recordedBy: event.metadata.recordedBy,
  };
}

export function correctionNote(event: RecordedEvent, reason: string, changes: object): CorrectionNote {
  return { ...provenanceOf(event), reason, fields: Object.keys(changes).sort() };
}

export function retractionNote(event: RecordedEvent, reason: string): RetractionNote {
  return { ...provenanceOf(event), reason };
}

/** A correction replaces the fields it names and is kept, with its reason, on the record. */
export function corrected<V extends { revision: number; corrections: CorrectionNote[] }>(
  current: V,
  data: { reason: string; changes: object },
  recorded: RecordedEvent,
): V {
  return {
    ...current,
    ...data.changes,
    revision: recorded.revision,
    corrections: [...current.corrections, correctionNote(recorded, data.reason, data.changes)],
  };
}
