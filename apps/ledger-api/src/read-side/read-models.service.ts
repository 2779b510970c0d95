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
import { notModified, revisionEtag } from './http/http-caching';
import { AnswerCache } from './http/answer-cache';
import type { AuthenticatedRequest } from '../auth/authentication.guard';
import { withoutOperatorFields } from '../auth/operator-identities.interceptor';
import { seesOperatorIdentities } from '../auth/roles';
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
  private readonly answers = new AnswerCache();

  constructor(@Inject(PROJECTION_HOST) private readonly host: ProjectionHost) {}

  async source(query: BitemporalQueryDto, res: Response): Promise<{ source: ReportSource; context: ReadContext }> {
    if (query.minPosition !== undefined) await this.reach(BigInt(query.minPosition), res);
    res.setHeader('X-Read-Model-Position', this.host.checkpoint.position.toString());
    return this.open(query);
  }

  /** Synchronous, so that what it reads belongs to the position read beside it. */
  private open(query: BitemporalQueryDto): { source: ReportSource; context: ReadContext } {
    const asOf = query.asOf ?? todayUtc();
    const source = this.host.source(asOf, query.knownAt);
    return { source, context: { asOf, knownAt: query.knownAt === undefined ? null : normalizeInstant(query.knownAt), coverage: source.coverage() } };
  }

  /** The question an answer is a function of, with the read models' position: path and query (without minPosition) and the asOf it resolved to. */
  private question(req: Request, asOf: string): string {
    // minPosition only says how long to wait, never what the answer is.
    const params = Object.entries(req.query)
      .filter(([k]) => k !== 'minPosition')
      .map(([k, v]) => `${k}=${String(v)}`)
      .sort();
    return `${req.path}?${params.join('&')}|${asOf}`;
  }

  /**
   * The ETag of a list answer, known before computing it: the question and the read models'
   * position. Equal tags, equal answers; a 304 costs a hash.
   */
  private listEtag(question: string, position: bigint): string {
    return `"${createHash('sha256').update(`${question}|${position}`).digest('base64url').slice(0, 27)}"`;
  }

  /**
   * Waits for minPosition, then answers from the answers already sent at this position when the
   * same question was asked for the same audience, else computes it (`compute`, synchronous)
   * and cuts it for the audience (see auth/operator-identities.interceptor.ts). The JSON is sent
   * as it is kept; 304 when If-None-Match names its tag.
   */
  private async answer(query: BitemporalQueryDto, req: Request, res: Response, compute: (question: string, position: bigint) => { body: object; etag: string }): Promise<string | undefined> {
    if (query.minPosition !== undefined) await this.reach(BigInt(query.minPosition), res);
    return this.answerAt(this.host.checkpoint.position, this.question(req, query.asOf ?? todayUtc()), req, res, compute);
  }

  /** `answer` once the position is read and the question put (synchronously: nothing is projected in between). */
  private answerAt(position: bigint, question: string, req: Request, res: Response, compute: (question: string, position: bigint) => { body: object; etag: string }): string | undefined {
    const operators = seesOperatorIdentities((req as AuthenticatedRequest).principal);
    res.setHeader('X-Read-Model-Position', position.toString());
    const sent = this.answers.through(position, `${operators ? 'operators' : 'public'}|${question}`, () => {
      const { body, etag } = compute(question, position);
      return { etag, json: JSON.stringify(operators ? body : withoutOperatorFields(body)) };
    });
    if (notModified(req, res, sent.etag)) return undefined;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    return sent.json;
  }

  /** A list answer (JSON) with its ETag, or undefined (and 304) when the client already has it; the tag is checked before anything is read. */
  async list<N extends ReportName>(name: N, query: PagedQueryDto, filters: ReportFilters<N>, req: Request, res: Response): Promise<string | undefined> {
    if (query.minPosition !== undefined) await this.reach(BigInt(query.minPosition), res);
    const position = this.host.checkpoint.position;
    const question = this.question(req, query.asOf ?? todayUtc());
    const etag = this.listEtag(question, position);
    if (notModified(req, res, etag)) {
      res.setHeader('X-Read-Model-Position', position.toString());
      return undefined;
    }
    return this.answerAt(position, question, req, res, () => {
      const { source, context } = this.open(query);
      try {
        const body: ListAnswer<ReportRow<N>> = { ...context, ...answerReport(source, name, filters, { limit: query.limit ?? DEFAULT_LIMIT, offset: query.offset, cursor: query.cursor }) };
        return { body, etag };
      } catch (error) {
        if (!(error instanceof InvalidCursorError)) throw error;
        throw new BadRequestException({ code: 'REQUEST.INVALID', message: error.message, details: [{ field: 'cursor', rule: 'isCursor', message: error.message }] });
      }
    });
  }

  /** One entity's answer (JSON), its ETag the stream revision `detail` names; 304 when the client has it. */
  async detail(query: BitemporalQueryDto, req: Request, res: Response, detail: (source: ReportSource, context: ReadContext) => { body: object; revision: number }): Promise<string | undefined> {
    return this.answer(query, req, res, () => {
      const { source, context } = this.open(query);
      const { body, revision } = detail(source, context);
      return { body, etag: revisionEtag(revision) };
    });
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
