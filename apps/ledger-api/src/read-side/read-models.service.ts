import { BadRequestException, Inject, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import type { Response } from 'express';
import {
  DEFAULT_LIMIT,
  InvalidCursorError,
  LedgerIndex,
  REPORTS,
  applyAsOf,
  normalizeInstant,
  paginate,
  todayUtc,
  type EffectiveView,
  type Page,
  type ProjectionHost,
  type ReportFilters,
  type ReportName,
  type ReportRow,
} from '@concordat/read-models';
import type { BitemporalQueryDto, PagedQueryDto } from './dto/read-query.dto';
import { PROJECTION_HOST } from './projection-host.provider';

/** How long a read may wait for the read models to reach `minPosition`. */
export const MIN_POSITION_WAIT_MS = 5000;

export type ReadContext = { asOf: string; knownAt: string | null };
export type ListAnswer<T> = ReadContext & Page<T>;

/** Answers a read: wait for minPosition, load the view as known at knownAt, cut it at asOf, run the report, page it. */
@Injectable()
export class ReadModelsService {
  constructor(@Inject(PROJECTION_HOST) private readonly host: ProjectionHost) {}

  async view(query: BitemporalQueryDto, res: Response): Promise<{ index: LedgerIndex; context: ReadContext }> {
    if (query.minPosition !== undefined) await this.reach(BigInt(query.minPosition));
    res.setHeader('X-Read-Model-Position', this.host.checkpoint.position.toString());
    const view: EffectiveView = applyAsOf(this.host.loadView(query.knownAt), query.asOf ?? todayUtc());
    return { index: new LedgerIndex(view), context: { asOf: view.asOf, knownAt: query.knownAt === undefined ? null : normalizeInstant(query.knownAt) } };
  }

  async list<N extends ReportName>(name: N, query: PagedQueryDto, filters: ReportFilters<N>, res: Response): Promise<ListAnswer<ReportRow<N>>> {
    const { index, context } = await this.view(query, res);
    const report = REPORTS[name] as unknown as { rows: (i: LedgerIndex, f: ReportFilters<N>) => ReportRow<N>[]; key: (r: ReportRow<N>) => string };
    try {
      return { ...context, ...paginate(report.rows(index, filters), report.key, { limit: query.limit ?? DEFAULT_LIMIT, offset: query.offset, cursor: query.cursor }) };
    } catch (error) {
      if (!(error instanceof InvalidCursorError)) throw error;
      throw new BadRequestException({ code: 'REQUEST.INVALID', message: error.message, details: [{ field: 'cursor', rule: 'isCursor', message: error.message }] });
    }
  }

  notFound(kind: 'Pledge' | 'Meeting', id: string, context: ReadContext): NotFoundException {
    const when = `as of ${context.asOf}${context.knownAt ? `, as known at ${context.knownAt}` : ''}`;
    return new NotFoundException({ code: `${kind.toUpperCase()}.NOT_FOUND`, message: `${kind} ${id} is not on the record ${when}`, context: { id, ...context } });
  }

  private async reach(position: bigint): Promise<void> {
    if (await this.host.waitFor(position, MIN_POSITION_WAIT_MS)) return;
    const reached = this.host.checkpoint.position.toString();
    throw new ServiceUnavailableException({
      code: 'READ_MODELS.BEHIND',
      message: `The read models reached position ${reached}, not yet ${position}, within ${MIN_POSITION_WAIT_MS / 1000} s; retry shortly`,
      context: { minPosition: position.toString(), reached },
    });
  }
}
