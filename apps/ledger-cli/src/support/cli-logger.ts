import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type LogFormat = 'json' | 'pretty';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * JSON lines like the service's, unless LOG_FORMAT=pretty or the log goes to a terminal.
 * Logs go to stderr: stdout carries the command's output (an export, a report), never a log line.
 */
export function logFormat(env: NodeJS.ProcessEnv = process.env, terminal = Boolean(process.stderr.isTTY)): LogFormat {
  const given = env.LOG_FORMAT;
  if (given === undefined || given === '') return terminal ? 'pretty' : 'json';
  if (given === 'json' || given === 'pretty') return given;
  throw new Error(`LOG_FORMAT must be "json" or "pretty" (got "${given}")`);
}

/**
 * Writes synchronously, so the last line before exit is never lost. `command` is bound into every
 * line, as the service binds its context.
 */
export function createCliLogger(command: string, env: NodeJS.ProcessEnv = process.env): Logger {
  const level = env.LOG_LEVEL || 'info';
  if (!LEVELS.includes(level)) throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')} (got "${level}")`);
  const destination =
    logFormat(env) === 'pretty'
      ? pretty({ destination: 2, sync: true, colorize: Boolean(process.stderr.isTTY), ignore: 'pid,hostname,command,context', messageFormat: '{if context}{context}: {end}{msg}', translateTime: 'SYS:HH:MM:ss' })
      : pino.destination({ dest: 2, sync: true });
  return pino({ level, base: { pid: process.pid, command } }, destination);
}
