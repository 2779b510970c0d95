import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { answerReport, type ReportFilters, type ReportName, type ReportRow, type ReportSource } from '@concordat/read-models';
import type { BitemporalQueryDto } from '../read-side/dto/read-query.dto';
import { ReadModelsService, type ReadContext } from '../read-side/read-models.service';

export type ReportAnswer<N extends ReportName> = ReadContext & { rows: ReportRow<N>[] };

/**
 * The desk's one door to the read side (ReadSideModule exports its ReadModelsService): every export and feed goes through it
 * (minPosition, asOf, knownAt handled there) and through the read side's own report catalog,
 * so no counting rule is written twice.
 */
@Injectable()
export class DeskReadAccess {
  constructor(private readonly reads: ReadModelsService) {}

  source(query: BitemporalQueryDto, res: Response): Promise<{ source: ReportSource; context: ReadContext }> {
    return this.reads.source(query, res);
  }

  /** Every row of a report (no paging): exports and feeds need the whole answer. */
  async report<N extends ReportName>(name: N, query: BitemporalQueryDto, filters: ReportFilters<N>, res: Response): Promise<ReportAnswer<N>> {
    const { source, context } = await this.reads.source(query, res);
    return { ...context, rows: answerReport(source, name, filters).items };
  }

  notFound(kind: 'Pledge' | 'Meeting', id: string, context: ReadContext) {
    return this.reads.notFound(kind, id, context);
  }
}
