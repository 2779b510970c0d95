/** `reporter` reads (when reads need a token); `clerk` writes; `auditor` reads the log and operator identities; `admin` may do everything. */
export const ROLES = ['clerk', 'auditor', 'reporter', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** Goes into every event's `recordedBy`: the key's principal, or the OIDC token's subject. */
  id: string;
  roles: Role[];
  /** How the caller proved who it is (never the token itself); absent for the service's own writes (seeds, process managers). */
  via?: 'api-key' | 'oidc';
  /** The API key's id or the token's `jti`, for logs; never a secret. */
  keyId?: string;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** `admin` satisfies every requirement; otherwise the principal needs one of the roles named. */
export function hasAnyRole(principal: Principal, required: readonly Role[]): boolean {
  return principal.roles.includes('admin') || required.some((role) => principal.roles.includes(role));
}

/** Who recorded an event and under which correlation id is the auditors' part of the trail. */
export function seesOperatorIdentities(principal: Principal | undefined): boolean {
  return principal !== undefined && hasAnyRole(principal, ['auditor']);
}
