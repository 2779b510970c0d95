import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';

/** Nest's log calls into the command's pino logger, with Nest's context as the `context` field. */
export function nestLoggerOver(log: Logger): LoggerService {
  const write = (level: 'info' | 'warn' | 'error' | 'debug' | 'trace' | 'fatal') => (message: unknown, ...rest: unknown[]) => {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const stack = level === 'error' && typeof rest[0] === 'string' && rest.length > 1 ? rest[0] : undefined;
    log[level]({ context, ...(stack ? { stack } : {}) }, message instanceof Error ? message.message : String(message));
  };
  return { log: write('info'), warn: write('warn'), error: write('error'), debug: write('debug'), verbose: write('trace'), fatal: write('fatal') };
}
