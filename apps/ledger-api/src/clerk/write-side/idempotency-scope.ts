import { sha256Hex } from './deterministic-id';
import type { WriteContext } from './write-context';

/** Keys are per principal: two clerks may use the same key without colliding. */
export function idempotencyScope(ctx: Pick<WriteContext, 'principal' | 'idempotencyKey'>): string | undefined {
  return ctx.idempotencyKey === undefined ? undefined : sha256Hex([ctx.principal.id, ctx.idempotencyKey]).slice(0, 40);
}
