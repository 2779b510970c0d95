import type { RecordedEvent } from '@concordat/shared-kernel';
import type { Checkpoint, ReadModelDb } from './read-model-db';

/**
 * Applies events to the read models. A batch is applied in one transaction with the checkpoint
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
    this.state = this.db.apply(events, this.state);
    return this.state;
  }
}
