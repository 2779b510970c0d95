import type { RecordedEvent } from '@concordat/shared-kernel';
import { entityKeyOf, evolveEntity, type EntityView } from '../ledger-view/ledger-view';
import { normalizeInstant } from '../ledger-view/provenance';
import type { Checkpoint, ReadModelDb, VersionRow } from './read-model-db';

/**
 * Turns events into entity versions. A batch is applied in one transaction with the checkpoint
 * of its last event, so after any crash the file holds exactly the events up to its checkpoint:
 * none applied twice, none skipped.
 */
export class ProjectionWriter {
  private state: Checkpoint;

  constructor(private readonly db: ReadModelDb) {
    this.state = db.checkpoint();
  }

  get checkpoint(): Checkpoint {
    return this.state;
  }

  apply(events: readonly RecordedEvent[]): Checkpoint {
    if (events.length === 0) return this.state;
    // Later events of the batch build on the versions earlier ones produced, not on the file.
    const pending = new Map<string, EntityView | undefined>();
    const rows: VersionRow[] = [];
    for (const event of events) {
      if (event.position <= this.state.position) throw new Error(`event at position ${event.position} is not after checkpoint ${this.state.position}`);
      const key = entityKeyOf(event);
      if (!key) continue;
      const k = `${key.kind}/${key.id}`;
      const current = pending.has(k) ? pending.get(k) : this.db.current(key.kind, key.id);
      const next = evolveEntity(key.kind, current, event);
      if (next === undefined || next === current) continue;
      pending.set(k, next);
      rows.push({ kind: key.kind, id: key.id, position: event.position, recordedAt: normalizeInstant(event.recordedAt), revision: event.revision, body: JSON.stringify(next) });
    }
    const next = { position: events[events.length - 1].position, eventsProjected: this.state.eventsProjected + events.length };
    this.db.commit(rows, next);
    this.state = next;
    return next;
  }
}
