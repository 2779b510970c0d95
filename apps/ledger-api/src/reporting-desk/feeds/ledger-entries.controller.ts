import { BadRequestException, Controller, Get, Header, Inject, Logger, Query, Req, Res, ServiceUnavailableException, type OnModuleDestroy } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { Request, Response } from 'express';
import { ReadAccess } from '../../auth/roles.decorator';
import { EVENT_STORE, type EventStore, type Subscription } from '@concordat/event-store';
import { STREAM_CATEGORIES, parseStreamId } from '@concordat/domain';
import type { RecordedEvent } from '@concordat/shared-kernel';
import { ApiError } from '../../http/api-error';

const POSITION = /^\d{1,19}$/;
/** Store positions are signed 64-bit integers: past that, the subscription could only fail after the 200. */
const MAX_POSITION = 9223372036854775807n;
/** Keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 15_000;
/** Each open feed holds a subscription; past this many, a new one waits its turn (503). */
export const MAX_OPEN_FEEDS = 100;

export class LedgerFeedQueryDto {
  @ApiPropertyOptional({ example: '546', description: 'Start strictly after this global position (same as Last-Event-ID). Without either, the feed starts at the head: only new entries.' })
  @IsOptional()
  @Matches(POSITION, { message: 'after must be a global log position (a non-negative integer)' })
  after?: string;
}

/**
 * What a feed subscriber learns of an entry: the envelope and where to read the fact, not the raw
 * payload, and not who recorded it (operator identities are for auditors, through the audit API).
 */
export function feedEntry(event: RecordedEvent) {
  const stream = parseStreamId(event.streamId);
  return {
    position: event.position.toString(),
    eventId: event.id,
    type: event.type,
    streamId: event.streamId,
    revision: event.revision,
    entity: stream ? { kind: stream.category, id: stream.id } : null,
    effectiveOn: event.metadata.effectiveOn ?? null,
    recordedAt: event.recordedAt,
    corrects: event.metadata.corrects ?? null,
  };
}

/** Server-Sent Events of new ledger entries; the event id is the global position, so EventSource resumes by itself. */
@ApiTags('feeds')
@ReadAccess()
@Controller('v1/feeds')
export class LedgerEntriesFeedController implements OnModuleDestroy {
  private readonly logger = new Logger('LedgerFeed');
  private readonly open = new Set<{ subscription: Subscription; res: Response; heartbeat: NodeJS.Timeout }>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('ledger-entries')
  // no-transform: the compression middleware would otherwise buffer the stream.
  @Header('Cache-Control', 'no-cache, no-transform')
  @ApiOperation({
    summary: 'Live feed of new ledger entries (Server-Sent Events)',
    description:
      'Each `ledger-entry` event carries `{position, eventId, type, streamId, revision, entity, effectiveOn, recordedAt, corrects}` (who recorded it is for auditors) and has the global position as its id. ' +
      'Reconnect with `Last-Event-ID` (EventSource does it) or `after` to resume without a gap. Only the domain\'s streams (administrations, forums, themes, meetings, pledges) are sent.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The id of the last event received: resume strictly after it' })
  @ApiResponse({ status: 200, description: 'An event stream that stays open', content: { 'text/event-stream': { schema: { type: 'string' }, example: 'id: 547\nevent: ledger-entry\ndata: {"position":"547","type":"PledgeStatusChanged",...}\n\n' } } })
  @ApiResponse({ status: 400, type: ApiError, description: 'after or Last-Event-ID is not a position' })
  @ApiResponse({ status: 503, type: ApiError, description: `Already ${MAX_OPEN_FEEDS} feeds open; retry later` })
  async ledgerEntries(@Query() q: LedgerFeedQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const lastEventId = req.header('last-event-id');
    if (lastEventId !== undefined && !POSITION.test(lastEventId.trim())) {
      throw new BadRequestException({ code: 'REQUEST.INVALID', message: 'Last-Event-ID must be a global log position', details: [{ field: 'Last-Event-ID', rule: 'isPosition', message: 'Last-Event-ID must be a non-negative integer' }] });
    }
    if (this.open.size >= MAX_OPEN_FEEDS) throw new ServiceUnavailableException({ code: 'FEED.TOO_MANY', message: `${MAX_OPEN_FEEDS} feeds are open; retry later` });
    const resumeFrom = lastEventId?.trim() ?? q.after;
    if (resumeFrom !== undefined && BigInt(resumeFrom) > MAX_POSITION) {
      const field = lastEventId !== undefined ? 'Last-Event-ID' : 'after';
      const message = `${field} must be a global log position, at most ${MAX_POSITION}`;
      throw new BadRequestException({ code: 'REQUEST.INVALID', message, details: [{ field, rule: 'isPosition', message }] });
    }
    const after = resumeFrom !== undefined ? BigInt(resumeFrom) : await this.store.headPosition();

    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.write(`retry: 3000\n: from position ${after}\n\n`);

    const subscription = this.store.subscribeToAll(
      (event) => {
        res.write(`id: ${event.position}\nevent: ledger-entry\ndata: ${JSON.stringify(feedEntry(event))}\n\n`);
      },
      {
        after,
        filter: { streamPrefixes: STREAM_CATEGORIES.map((c) => `${c}-`) },
        onError: (error) => {
          this.logger.error({ err: error }, 'Ledger feed stopped');
          res.end();
        },
      },
    );
    const entry = { subscription, res, heartbeat: setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS) };
    this.open.add(entry);
    req.on('close', () => void this.close(entry));
  }

  private async close(entry: { subscription: Subscription; res: Response; heartbeat: NodeJS.Timeout }): Promise<void> {
    if (!this.open.delete(entry)) return;
    clearInterval(entry.heartbeat);
    await entry.subscription.stop();
    entry.res.end();
  }

  /** Open streams would keep the server from closing. */
  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.open].map((entry) => this.close(entry)));
  }
}
