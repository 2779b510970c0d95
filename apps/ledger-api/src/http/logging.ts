import type { LoggerService } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import pino, { type LoggerOptions } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import type { Environment } from '../config/environment';

/** Wherever a secret could sit in a log line: it is replaced, whatever the level. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'authorization',
  'token',
  'password',
  'headers.authorization',
  '*.authorization',
  '*.token',
  '*.accessToken',
  '*.access_token',
  '*.password',
  '*.secret',
];

type LogSettings = Pick<Environment, 'LOG_LEVEL' | 'LOG_FORMAT'>;

/** pino's options for the service and the start-up logger alike: JSON lines, or readable lines with LOG_FORMAT=pretty. */
export function pinoOptions(env: LogSettings): LoggerOptions {
  return {
    level: env.LOG_LEVEL,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    ...(env.LOG_FORMAT === 'pretty'
      ? { transport: { target: 'pino-pretty', options: { colorize: process.stdout.isTTY, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', singleLine: true } } }
      : {}),
  };
}

/** Request logs: the correlation id is the request id, the principal (never the token) is named, health checks stay quiet. */
export function pinoHttpOptions(env: LogSettings): PinoHttpOptions {
  return {
    ...pinoOptions(env),
    genReqId: (req: IncomingMessage & { correlationId?: string }) => req.correlationId ?? randomUUID(),
    autoLogging: { ignore: (req) => req.url === '/health' },
    customProps: (req: IncomingMessage & { principal?: { id: string; keyId?: string } }) =>
      req.principal ? { principal: req.principal.id, keyId: req.principal.keyId } : {},
  };
}

/**
 * Logs of the start itself, written as they happen (not buffered until the app exists, which
 * gave them all one timestamp). Reads the log settings leniently: a wrong value is reported by
 * the configuration check a moment later.
 */
export function startupLogger(raw: NodeJS.ProcessEnv = process.env): LoggerService {
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  const level = levels.includes(raw.LOG_LEVEL ?? '') ? raw.LOG_LEVEL! : 'info';
  const logger = pino(pinoOptions({ LOG_LEVEL: level, LOG_FORMAT: raw.LOG_FORMAT === 'pretty' ? 'pretty' : 'json' }));
  const write = (method: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal') => (message: unknown, ...rest: unknown[]) => {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    if (typeof message === 'object' && message !== null) logger[method]({ ...message, context });
    else logger[method]({ context }, String(message));
  };
  return { log: write('info'), error: write('error'), warn: write('warn'), debug: write('debug'), verbose: write('trace'), fatal: write('fatal') };
}
