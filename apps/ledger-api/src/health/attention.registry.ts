import { Injectable, Logger } from '@nestjs/common';

/** A record the service could not finish or trust by itself, and that a clerk (or operator) must look at. */
export interface AttentionItem {
  /** What kind of problem: `minutes-incomplete`, `retraction-incomplete`, `sealing-refused`, ... */
  kind: string;
  streamId?: string;
  position?: string;
  cause: string;
  since: string;
}

/**
 * The records that need a clerk, shown under `/health` as `attention`. Start-up repairs that fail
 * on one record land here (and in the log) instead of stopping the service.
 */
@Injectable()
export class AttentionRegistry {
  private readonly logger = new Logger('Attention');
  private readonly items = new Map<string, AttentionItem>();

  report(item: Omit<AttentionItem, 'since'>): void {
    const key = `${item.kind}|${item.streamId ?? ''}|${item.cause}`;
    if (this.items.has(key)) return;
    this.items.set(key, { ...item, since: new Date().toISOString() });
    this.logger.error({ attention: item }, `Needs attention (${item.kind}): ${item.streamId ?? ''}${item.position ? ` at position ${item.position}` : ''}: ${item.cause}`);
  }

  /** Clears the items of one kind and stream once the problem is gone. */
  resolve(kind: string, streamId?: string): void {
    for (const [key, item] of this.items) if (item.kind === kind && (streamId === undefined || item.streamId === streamId)) this.items.delete(key);
  }

  list(): AttentionItem[] {
    return [...this.items.values()];
  }
}
