import 'reflect-metadata';
import { Type, plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Max, Min, ValidateIf, validateSync } from 'class-validator';

/** Every environment variable the service reads; the README's configuration table mirrors this class. */
export class Environment {
  @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @IsString()
  DATA_DIR = './data';

  @IsIn(['embedded', 'eventstoredb'], { message: 'EVENT_STORE must be "embedded" or "eventstoredb"' })
  EVENT_STORE: 'embedded' | 'eventstoredb' = 'embedded';

  @ValidateIf((env: Environment) => env.EVENT_STORE === 'eventstoredb')
  @IsString({ message: 'EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE=eventstoredb' })
  EVENTSTORE_CONNECTION_STRING?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** `principal:role+role:token` entries, comma-separated. */
  @IsOptional() @IsString()
  API_KEYS?: string;

  /** Load `seeds/` into an empty embedded store at start (`true`/`false`). */
  @IsIn(['true', 'false'])
  SEED_ON_EMPTY = 'true';

  /** Requests per minute per client before 429 (Nest's throttler); health checks are exempt. */
  @Type(() => Number) @IsInt() @Min(1)
  RATE_LIMIT_PER_MINUTE = 6000;

  /** Where the seed files live (`npm run seed`, and the first start on an empty store). */
  @IsString()
  SEEDS_DIR = './seeds';

  /** PKCS#8 PEM of the Ed25519 key that signs checkpoints; generated into DATA_DIR when absent. */
  @IsOptional() @IsString()
  LEDGER_SIGNING_KEY?: string;

  /** A signed checkpoint of the Merkle tree after at most this many new ledger entries. */
  @Type(() => Number) @IsInt() @Min(1)
  CHECKPOINT_EVERY_EVENTS = 100;

  /** ...and at least this often (minutes, fractions allowed) while there is anything new; 0 turns the timer off. */
  @Type(() => Number) @IsNumber() @Min(0)
  CHECKPOINT_EVERY_MINUTES = 10;
}

/** Used by ConfigModule: a wrong value stops the start with a message naming the variable. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const env = plainToInstance(Environment, raw, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    // One line per variable, with the value as given (e.value is after conversion: "abc" became null).
    const lines = errors.map((e) => {
      const rules = Object.values(e.constraints ?? {}).reverse().map((m, i) => (i === 0 ? m : m.replace(`${e.property} `, '')));
      const given = raw[e.property] === undefined ? 'not set' : `got ${JSON.stringify(raw[e.property])}`;
      return `Invalid configuration: ${rules.join(', ')} (${given})`;
    });
    throw new Error(lines.join('\n'));
  }
  return env;
}
