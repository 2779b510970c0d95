import { InvalidArgumentError } from 'commander';
import { isPartialDate } from '@concordat/shared-kernel';

/** A date of the world as the domain takes it: a year, a month or a day. */
export function partialDate(value: string): string {
  if (!isPartialDate(value)) throw new InvalidArgumentError('expected a date: YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2016, 2016-10, 2016-10-14).');
  return value;
}

/** An instant with its zone, as events' recordedAt are: 2025-01-01T00:00:00Z. */
export function instant(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError('expected an instant with a zone, e.g. 2025-01-01T00:00:00Z.');
  }
  return value;
}

/** A ledger sequence: a whole number from 1. */
export function sequence(value: string): number {
  if (!/^\d{1,15}$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a ledger sequence (a whole number from 1).');
  return Number(value);
}
