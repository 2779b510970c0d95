import { seesOperatorIdentities, type Principal } from './roles';

/**
 * Auditors and admins read the record with its operator identities (recordedBy, correlation
 * ids), everyone else without: two representations of one state. Their ETags must differ, or a
 * client or cache holding one audience's body would be told 304 for the other's.
 */
export const OPERATORS_VIEW_SUFFIX = '+operators';

/** The tag of the caller's view: `"3"` for the facts, `"3+operators"` with operator identities. */
export function etagForAudience(principal: Principal | undefined, etag: string): string {
  return seesOperatorIdentities(principal) ? etag.replace(/"$/, `${OPERATORS_VIEW_SUFFIX}"`) : etag;
}
