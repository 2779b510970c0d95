import { Inject, Injectable } from '@nestjs/common';
import { once } from 'node:events';
import type { Response } from 'express';
import { EVENT_STORE, type EventStore } from '@concordat/event-store';
import { entryLine, exportTrailer, isLedgerEntry, storedEntry } from '@concordat/audit';
import { badField } from './audit-proof.service';
import { CheckpointWriter } from './checkpoint-writer';
import type { ExportQuery } from './dto/audit-query.dto';
import { LedgerIndex } from './ledger-index';

const BATCH = 1000;

/**
 * GET /v1/audit/export: the NDJSON export (format in libs/audit/src/export-format.ts and
 * docs/auditing.md), streamed with back-pressure. Entries carry the data as stored now and the
 * leaf hash the ledger recorded, so an altered event fails the verifier at its own sequence.
 */
@Injectable()
export class AuditExportService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly index: LedgerIndex,
    private readonly writer: CheckpointWriter,
  ) {}

  async write(res: Response, query: ExportQuery): Promise<void> {
    // Seal first, so that the newest checkpoint covers everything exported.
    await this.writer.issue().catch(() => undefined);
    await this.index.ensureCaughtUp();
    const size = this.index.size;
    const from = query.from ?? 1;
    const to = query.to ?? size;
    if (to > size) throw badField('to', 'max', `to ${to} is beyond the ledger's current size ${size}`);
    if (from > Math.max(to, 1)) throw badField('from', 'max', `from ${from} must not exceed to ${to}`);
    res.status(200);
    res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="concordat-ledger-${from}-${to}.ndjson"`);
    const send = async (line: string) => {
      if (!res.write(`${line}\n`)) await once(res, 'drain');
    };
    await this.writeEntries(send, from, to);
    const proofs = { consistencyProof: (m: number, n: number) => this.index.consistencyProof(m, n), inclusionProof: (i: number, n: number) => this.index.inclusionProof(i + 1, n) };
    for (const line of exportTrailer(this.index.checkpoints(), proofs, from, to)) await send(line);
    res.end();
  }

  private async writeEntries(send: (line: string) => Promise<void>, from: number, to: number): Promise<void> {
    if (to < from) return;
    const upTo = this.index.indexedPosition;
    let after = from > 1 ? (this.index.positionOf(from - 1) ?? 0n) : 0n;
    let next = from;
    for (;;) {
      const batch = await this.store.readAll({ after, maxCount: BATCH });
      for (const event of batch) {
        if (event.position > upTo) return;
        after = event.position;
        if (!isLedgerEntry(event)) continue;
        // An event the index never saw (inserted behind the service's back) takes the next
        // number, which makes the verifier stop at it.
        const sequence = this.index.sequenceOf(event.position) ?? next;
        if (sequence > to) return;
        await send(entryLine(storedEntry(event, sequence, this.index.leafHash(sequence))));
        next = sequence + 1;
      }
      if (batch.length < BATCH) return;
    }
  }
}
