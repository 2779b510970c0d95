import 'reflect-metadata';
import { Type, plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, IsUrl, Matches, Max, Min, ValidateIf, validateSync } from 'class-validator';

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

  /** `principal:role+role:token` entries, comma-separated; tokens of at least 32 characters, hashed at start. */
  @IsOptional() @IsString()
  API_KEYS?: string;

  /** Hashed API keys (`npm run keys -- add`), re-read on change and on SIGHUP; default DATA_DIR/api-keys. */
  @IsOptional() @IsString()
  API_KEYS_FILE?: string;

  /** `public`: the record's reads need no token; `authenticated`: they need any role (reporter or above). */
  @IsIn(['public', 'authenticated'], { message: 'READ_ACCESS must be "public" or "authenticated"' })
  READ_ACCESS: 'public' | 'authenticated' = 'public';

  /** OIDC: bearer JWTs from this issuer are accepted besides API keys (then OIDC_AUDIENCE and OIDC_JWKS_URL are required). */
  @IsOptional() @IsString()
  OIDC_ISSUER?: string;

  @ValidateIf((env: Environment) => env.OIDC_ISSUER !== undefined)
  @IsString({ message: 'OIDC_AUDIENCE is required with OIDC_ISSUER' })
  OIDC_AUDIENCE?: string;

  @ValidateIf((env: Environment) => env.OIDC_ISSUER !== undefined)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'OIDC_JWKS_URL must be the http(s) URL of the issuer\'s JWKS' })
  OIDC_JWKS_URL?: string;

  /** Dot path of the claim that lists the roles (`roles`, `realm_access.roles`, ...). */
  @IsString() @Matches(/^[A-Za-z0-9_:/.-]{1,200}$/)
  OIDC_ROLES_CLAIM = 'roles';

  /** Origins allowed by CORS, comma-separated; empty (the default) sends no CORS headers. */
  @IsString()
  CORS_ORIGINS = '';

  /** `json` (one JSON object per line) or `pretty` (readable, for a terminal). */
  @IsIn(['json', 'pretty'], { message: 'LOG_FORMAT must be "json" or "pretty"' })
  LOG_FORMAT: 'json' | 'pretty' = 'json';

  /** Load `seeds/` into an empty embedded store at start (`true`/`false`). */
  @IsIn(['true', 'false'])
  SEED_ON_EMPTY = 'true';

  /** Requests per minute per authenticated principal before 429 (Nest's throttler); health checks are exempt. */
  @Type(() => Number) @IsInt() @Min(1)
  RATE_LIMIT_PER_MINUTE = 6000;

  /** Requests per minute per client IP without an accepted token (refused tokens count here). */
  @Type(() => Number) @IsInt() @Min(1)
  RATE_LIMIT_ANONYMOUS_PER_MINUTE = 600;

  /** Time allowed to receive a request's headers, and the whole request (a trickling body is cut off). */
  @Type(() => Number) @IsInt() @Min(1000)
  HTTP_HEADERS_TIMEOUT_MS = 10_000;

  @Type(() => Number) @IsInt() @Min(1000)
  HTTP_REQUEST_TIMEOUT_MS = 30_000;

  /** How long an idle keep-alive connection stays open. */
  @Type(() => Number) @IsInt() @Min(100)
  HTTP_KEEP_ALIVE_TIMEOUT_MS = 5_000;

  /** Open connections at most; more are refused by the server. */
  @Type(() => Number) @IsInt() @Min(1)
  HTTP_MAX_CONNECTIONS = 1000;

  /** Where the seed files live (`npm run seed`, and the first start on an empty store). */
  @IsString()
  SEEDS_DIR = './seeds';

  /** PKCS#8 PEM of the Ed25519 key that signs checkpoints; generated into DATA_DIR when absent. */
  @IsOptional() @IsString()
  LEDGER_SIGNING_KEY?: string;

  /** Path of a PEM file with the signing key (e.g. a mounted secret), instead of LEDGER_SIGNING_KEY. */
  @IsOptional() @IsString()
  LEDGER_SIGNING_KEY_FILE?: string;

  /** `production` requires the signing key from outside DATA_DIR. */
  @IsOptional() @IsString()
  NODE_ENV?: string;

  /** New ledger entries are sealed (signed into a checkpoint) at most this many milliseconds after they land; 0 turns it off. */
  @Type(() => Number) @IsInt() @Min(0)
  CHECKPOINT_WITHIN_MS = 1000;

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
