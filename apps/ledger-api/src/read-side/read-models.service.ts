import { BadRequestException, Inject, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import {
  DEFAULT_LIMIT,
  InvalidCursorError,
  answerReport,
  normalizeInstant,
  todayUtc,
  type Coverage,
  type Page,
  type ProjectionHost,
  type ReportFilters,
  type ReportName,
  type ReportRow,
  type ReportSource,
} from '@concordat/read-models';
import type { BitemporalQueryDto, PagedQueryDto } from './dto/read-query.dto';
import { notModified } from './http/http-caching';
import { PROJECTION_HOST } from './projection-host.provider';

/** How long a read may wait for the read models to reach `minPosition`. */
export const MIN_POSITION_WAIT_MS = 5000;
/** Seconds a client told READ_MODELS.BEHIND should wait before asking again. */
export const RETRY_AFTER_SECONDS = 1;

export type ReadContext = { asOf: string; knownAt: string | null; coverage: Coverage };
export type ListAnswer<T> = ReadContext & Page<T>;

/** Answers a read: wait for minPosition, open the read models as of asOf and as known at knownAt, run the report, page it in SQLite. */
@Injectable()
export class ReadModelsService {
  constructor(@Inject(PROJECTION_HOST) private readonly host: ProjectionHost) {}

  async source(query: BitemporalQueryDto, res: Response): Promise<{ source: ReportSource; context: ReadContext }> {
    if (query.minPosition !== undefined) await this.reach(BigInt(query.minPosition), res);
    res.setHeader('X-Read-Model-Position', this.host.checkpoint.position.toString());
    const asOf = query.asOf ?? todayUtc();
    const source = this.host.source(asOf, query.knownAt);
    return { source, context: { asOf, knownAt: query.knownAt === undefined ? null : normalizeInstant(query.knownAt), coverage: source.coverage() } };
  }

  /**
   * The ETag of a list answer, known before computing it: the question (path and query, with the
   * asOf it resolved to) and the read models' position. Equal tags, equal answers; a 304 costs a hash.
   */
  private listEtag(req: Request, asOf: string): string {
    // minPosition only says how long to wait, never what the answer is.
    const params = Object.entries(req.query)
      .filter(([k]) => k !== 'minPosition')
      .map(([k, v]) => `${k}=${String(v)}`)
      .sort();
    const question = `${req.path}?${params.join('&')}|${asOf}|${this.host.checkpoint.position}`;
    return `"${createHash('sha256').update(question).digest('base64url').slice(0, 27)}"`;
  }

  /** A list answer with its ETag, or undefined (and 304) when the client already has it. */
  async list<N extends ReportName>(name: N, query: PagedQueryDto, filters: ReportFilters<N>, req: Request, res: Response): Promise<ListAnswer<ReportRow<N>> | undefined> {
    if (query.minPosition !== undefined) await this.reach(BigInt(query.minPosition), res);
    if (notModified(req, res, this.listEtag(req, query.asOf ?? todayUtc()))) {
      res.setHeader('X-Read-Model-Position', this.host.checkpoint.position.toString());
      return undefined;
    }
    const { source, context } = await this.source({ ...query, minPosition: undefined }, res);
    try {
      return { ...context, ...answerReport(source, name, filters, { limit: query.limit ?? DEFAULT_LIMIT, offset: query.offset, cursor: query.cursor }) };
    } catch (error) {
      if (!(error instanceof InvalidCursorError)) throw error;
      throw new BadRequestException({ code: 'REQUEST.INVALID', message: error.message, details: [{ field: 'cursor', rule: 'isCursor', message: error.message }] });
    }
  }

  notFound(kind: 'Pledge' | 'Meeting', id: string, context: ReadContext): NotFoundException {
    const when = `as of ${context.asOf}${context.knownAt ? `, as known at ${context.knownAt}` : ''}`;
    return new NotFoundException({ code: `${kind.toUpperCase()}.NOT_FOUND`, message: `${kind} ${id} is not on the record ${when}`, context: { id, asOf: context.asOf, knownAt: context.knownAt } });
  }

  private async reach(position: bigint, res: Response): Promise<void> {
    if (await this.host.waitFor(position, MIN_POSITION_WAIT_MS)) return;
    res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    const reached = this.host.checkpoint.position.toString();
    throw new ServiceUnavailableException({
      code: 'READ_MODELS.BEHIND',
      message: `The read models reached position ${reached}, not yet ${position}, within ${MIN_POSITION_WAIT_MS / 1000} s; retry shortly`,
      context: { minPosition: position.toString(), reached, retryAfterSeconds: RETRY_AFTER_SECONDS },
    });
  }
}
