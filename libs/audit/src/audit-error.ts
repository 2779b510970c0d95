/** Stable codes: callers (CLI, HTTP layer) match on these, so a code never changes meaning. */
export type AuditErrorCode =
  | 'AUDIT.BAD_HEX'
  | 'AUDIT.BAD_HASH'
  | 'AUDIT.OUT_OF_RANGE'
  | 'AUDIT.BAD_ENVELOPE'
  | 'AUDIT.NOT_JSON'
  | 'AUDIT.BAD_CHECKPOINT'
  | 'AUDIT.BAD_KEY';

/**
 * Thrown for programming or input errors (bad arguments, malformed data). Verification
 * outcomes are never thrown: verifiers return a boolean or a result, so "the log is broken"
 * and "you called me wrongly" cannot be confused.
 */
export class AuditError extends Error {
  constructor(
    readonly code: AuditErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AuditError';
  }
}
