import type { JsonObject } from '@concordat/shared-kernel';

/** Aggregates whose rules can reject a command; the prefix of every error code. */
export type AggregateName = 'ADMINISTRATION' | 'FORUM' | 'THEME' | 'MEETING' | 'PLEDGE';
/** Only meetings and pledges can be retracted; reference data is corrected, never voided. */
export type RetractableAggregate = 'MEETING' | 'PLEDGE';

/** Stable codes: clients and the HTTP layer match on these, so they never change meaning. */
export type DomainErrorCode =
  | `${AggregateName}.ALREADY_EXISTS`
  | `${AggregateName}.NOT_FOUND`
  | `${AggregateName}.INVALID`
  | `${RetractableAggregate}.RETRACTED`
  | 'PLEDGE.ILLEGAL_TRANSITION'
  | 'REFERENCE.UNKNOWN_FORUM'
  | 'REFERENCE.UNKNOWN_THEME';

type CodeSuffix = DomainErrorCode extends `${string}.${infer S}` ? S : never;

/** What kind of failure a code is; the API maps a kind to an HTTP status in one place. */
export type DomainErrorKind = 'conflict' | 'not_found' | 'unprocessable';

/** Typed as a full record so a new code suffix cannot be added without choosing its kind. */
const KIND_BY_SUFFIX: Record<CodeSuffix, DomainErrorKind> = {
  ALREADY_EXISTS: 'conflict',
  RETRACTED: 'conflict',
  NOT_FOUND: 'not_found',
  INVALID: 'unprocessable',
  ILLEGAL_TRANSITION: 'unprocessable',
  UNKNOWN_FORUM: 'unprocessable',
  UNKNOWN_THEME: 'unprocessable',
};

export const HTTP_STATUS_BY_KIND: Readonly<Record<DomainErrorKind, 404 | 409 | 422>> = {
  conflict: 409,
  not_found: 404,
  unprocessable: 422,
};

export function errorKindOf(code: DomainErrorCode): DomainErrorKind {
  return KIND_BY_SUFFIX[code.slice(code.indexOf('.') + 1) as CodeSuffix];
}

export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: JsonObject = {},
  ) {
    super(message);
  }

  get kind(): DomainErrorKind {
    return errorKindOf(this.code);
  }

  get httpStatusHint(): 404 | 409 | 422 {
    return HTTP_STATUS_BY_KIND[this.kind];
  }

  toJSON(): JsonObject {
    return { code: this.code, message: this.message, details: this.details };
  }

  static alreadyExists(aggregate: AggregateName, id: string): DomainError {
    return new DomainError(`${aggregate}.ALREADY_EXISTS`, `${label(aggregate)} ${id} already exists`, { id });
  }

  static notFound(aggregate: AggregateName, id: string, details: JsonObject = {}): DomainError {
    const what = typeof details.entryId === 'string' ? `has no entry ${details.entryId}` : 'does not exist';
    return new DomainError(`${aggregate}.NOT_FOUND`, `${label(aggregate)} ${id} ${what}`, { id, ...details });
  }

  static retracted(aggregate: RetractableAggregate, id: string, details: JsonObject = {}): DomainError {
    const what = typeof details.entryId === 'string' ? `entry ${details.entryId} of ${label(aggregate).toLowerCase()} ${id}` : `${label(aggregate)} ${id}`;
    return new DomainError(`${aggregate}.RETRACTED`, `${what} was retracted; nothing more can be recorded on it`, { id, ...details });
  }

  static invalid(aggregate: AggregateName, field: string, problem: string, details: JsonObject = {}): DomainError {
    return new DomainError(`${aggregate}.INVALID`, `${field} ${problem}`, { field, ...details });
  }

  static unknownForum(forum: string, field: string): DomainError {
    return new DomainError('REFERENCE.UNKNOWN_FORUM', `${field} names unknown forum ${forum}`, { field, forum });
  }

  static unknownTheme(theme: string, field: string): DomainError {
    return new DomainError('REFERENCE.UNKNOWN_THEME', `${field} names unknown theme ${theme}`, { field, theme });
  }
}

function label(aggregate: AggregateName): string {
  return aggregate.charAt(0) + aggregate.slice(1).toLowerCase();
}
