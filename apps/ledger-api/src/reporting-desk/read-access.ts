import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Response } from 'express';
import { REPORTS, type LedgerIndex, type ReportFilters, type ReportName, type ReportRow } from '@concordat/read-models';
import type { BitemporalQueryDto } from '../read-side/dto/read-query.dto';
import { ReadModelsService, type ReadContext } from '../read-side/read-models.service';

export type ReportAnswer<N extends ReportName> = ReadContext & { rows: ReportRow<N>[] };

/**
 * The desk's one door to the read side. ReadSideModule does not export its ReadModelsService,
 * so it is looked up across modules once at start; every export and feed then goes through it
 * (minPosition, asOf, knownAt handled there) and through the read side's own report catalog,
 * so no counting rule is written twice.
 */
@Injectable()
export class DeskReadAccess implements OnModuleInit {
  private reads!: ReadModelsService;

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    this.reads = this.moduleRef.get(ReadModelsService, { strict: false });
  }

  view(query: BitemporalQueryDto, res: Response): Promise<{ index: LedgerIndex; context: ReadContext }> {
    return this.reads.view(query, res);
  }

  /** Every row of a report (one view load, no paging): exports and feeds need the whole answer. */
  async report<N extends ReportName>(name: N, query: BitemporalQueryDto, filters: ReportFilters<N>, res: Response): Promise<ReportAnswer<N>> {
    const { index, context } = await this.reads.view(query, res);
    const report = REPORTS[name] as unknown as { rows: (i: LedgerIndex, f: ReportFilters<N>) => ReportRow<N>[] };
    return { ...context, rows: report.rows(index, filters) };
  }

  notFound(kind: 'Pledge' | 'Meeting', id: string, context: ReadContext) {
    return this.reads.notFound(kind, id, context);
  }
}
