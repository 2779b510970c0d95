import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CommandBus, type Command } from '@nestjs/cqrs';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { resolve } from 'node:path';
import { EVENT_STORE, StreamNotFoundError, WrongExpectedRevisionError, type EventStore } from '@concordat/event-store';
import type { JsonObject } from '@concordat/shared-kernel';
import type { Environment } from '../config/environment';
import { RecordMinutesCommand } from '../clerk/meetings/meeting.commands';
import { ChangePledgeStatusCommand, RecordMoneyFactCommand, RecordPledgeCommand } from '../clerk/pledges/pledge.commands';
import { DefineThemeCommand, RegisterAdministrationCommand, RegisterForumCommand } from '../clerk/reference-data/reference-data.commands';
import { RecordMinutesDto } from '../clerk/dto/meeting.dto';
import { ChangePledgeStatusDto, RecordMoneyFactDto, RecordPledgeDto } from '../clerk/dto/pledge.dto';
import { DefineThemeDto, RegisterAdministrationDto, RegisterForumDto } from '../clerk/dto/reference.dto';
import { IdempotencyService } from '../clerk/write-side/idempotency.service';
import type { WriteContext } from '../clerk/write-side/write-context';
import { flattenValidationErrors } from '../http/validation';
import { deterministicUuid } from '../clerk/write-side/deterministic-id';
import { planSeeds, type SeedOperation } from './seed-plan';

/** Each kind of seed entry: the API's own request DTO and the command it becomes. */
const ROUTES: Record<SeedOperation['kind'], { dto: new () => object; path: (op: SeedOperation) => string; command: (body: any, op: SeedOperation, ctx: WriteContext) => Command<JsonObject> }> = {
  administration: { dto: RegisterAdministrationDto, path: () => '/v1/administrations', command: (b, _, c) => new RegisterAdministrationCommand(b, c) },
  theme: { dto: DefineThemeDto, path: () => '/v1/themes', command: (b, _, c) => new DefineThemeCommand(b, c) },
  forum: { dto: RegisterForumDto, path: () => '/v1/forums', command: (b, _, c) => new RegisterForumCommand(b, c) },
  meeting: { dto: RecordMinutesDto, path: () => '/v1/meetings', command: (b, _, c) => new RecordMinutesCommand(b, c) },
  pledge: { dto: RecordPledgeDto, path: () => '/v1/pledges', command: (b, _, c) => new RecordPledgeCommand(b, c) },
  'status-change': { dto: ChangePledgeStatusDto, path: (op) => `/v1/pledges/${op.pledgeId}/status-changes`, command: (b, op, c) => new ChangePledgeStatusCommand(op.pledgeId!, b, c) },
  'money-fact': { dto: RecordMoneyFactDto, path: (op) => `/v1/pledges/${op.pledgeId}/money-facts`, command: (b, op, c) => new RecordMoneyFactCommand(op.pledgeId!, b, c) },
};

/** The DTO validation the HTTP API applies, as a list of `field: message` problems. */
export async function validateSeedOperation(op: SeedOperation): Promise<string[]> {
  const instance = plainToInstance(ROUTES[op.kind].dto, op.body);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  return flattenValidationErrors(errors).map((d) => `${op.origin} ${d.field}: ${d.message}`);
}

export interface SeedReport {
  operations: number;
  written: number;
  alreadyLoaded: number;
}

/** Loads `seeds/` through the clerk's commands, with stable idempotency keys: loading twice changes nothing. */
@Injectable()
export class SeedLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger(SeedLoader.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commands: CommandBus,
    private readonly idempotency: IdempotencyService,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async load(seedsDir = resolve(this.config.get('SEEDS_DIR'))): Promise<SeedReport> {
    const operations = planSeeds(seedsDir);
    const problems = (await Promise.all(operations.map(validateSeedOperation))).flat();
    if (problems.length > 0) throw new Error(`Seed files fail the API's validation:\n${problems.join('\n')}`);
    const report: SeedReport = { operations: operations.length, written: 0, alreadyLoaded: 0 };
    for (const op of operations) {
      const route = ROUTES[op.kind];
      const ctx: WriteContext = { principal: { id: 'seed-loader', roles: ['clerk'] }, correlationId: op.idempotencyKey, method: 'POST', path: route.path(op), idempotencyKey: op.idempotencyKey };
      try {
        const outcome = await this.idempotency.run(ctx, op.body, () => this.commands.execute(route.command(op.body, op, ctx)));
        if (outcome.replayed) report.alreadyLoaded++;
        else report.written++;
      } catch (error) {
        throw new Error(`Seed ${op.origin} (${op.kind}) was refused: ${(error as Error).message}`, { cause: error });
      }
    }
    return report;
  }

  /**
   * `npm start` on an empty store (either adapter) loads the historical record, and says so. The
   * load is marked on the record when it starts and when it is complete; a start that finds it
   * begun but not complete (a crash during the first load) carries on where it stopped, which the
   * stable idempotency keys make safe. A ledger with history of its own and no marker is never seeded.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.get('SEED_ON_EMPTY') !== 'true') return;
    const marks = await this.readMarks();
    if (marks.some((e) => e.type === SEED_LOAD_COMPLETED)) return;
    if (marks.length === 0) {
      if ((await this.store.headPosition()) > 0n) return;
      await this.mark(SEED_LOAD_STARTED, { seedsDir: this.config.get('SEEDS_DIR') }, 'no_stream');
    }
    const started = Date.now();
    const report = await this.load();
    await this.mark(SEED_LOAD_COMPLETED, { operations: report.operations, written: report.written, alreadyLoaded: report.alreadyLoaded }, 'stream_exists');
    const how = marks.length > 0 ? `Resumed the interrupted seed load (${report.alreadyLoaded} records were already there)` : 'Empty ledger: loaded the seed record';
    this.logger.log(`${how}: ${report.written} records from seeds/ written in ${Date.now() - started} ms`);
  }

  private async readMarks() {
    try {
      return await this.store.readStream(SEED_LOAD_STREAM);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  private async mark(type: string, data: JsonObject, expectedRevision: 'no_stream' | 'stream_exists'): Promise<void> {
    try {
      await this.store.append(SEED_LOAD_STREAM, [{ id: deterministicUuid('seed-load', type), type, data, metadata: { recordedBy: 'seed-loader', correlationId: 'seed-load', schemaVersion: 1 } }], { expectedRevision });
    } catch (error) {
      // Another process started (or finished) the same load first: its mark stands.
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
  }
}

/** The seed load's marks on the record: begun, then complete. */
export const SEED_LOAD_STREAM = 'seed-load';
const SEED_LOAD_STARTED = 'SeedLoadStarted';
const SEED_LOAD_COMPLETED = 'SeedLoadCompleted';
