import type { OpenAPIObject } from '@nestjs/swagger';
import { rolesFor } from '../auth/access.guard';
import { OPERATOR_FIELDS } from '../auth/operator-identities.interceptor';
import { ACCESS_EXTENSION, type Access } from '../auth/roles.decorator';
import type { Environment } from '../config/environment';

type Operation = Record<string, unknown> & { responses?: Record<string, unknown>; description?: string };
type Schema = Record<string, unknown> & { properties?: Record<string, Record<string, unknown>>; required?: string[] };

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
const ERROR = { content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } } };
/** Schemas of the audit trail itself, where operator identities are the point. */
const AUDIT_SCHEMAS = new Set(['LedgerEnvelopeDto', 'StoredMetadataDto', 'ApiError']);

export function operationsOf(document: OpenAPIObject): Array<{ path: string; method: string; operation: Operation }> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => (item as Record<string, unknown>)[m]).map((method) => ({ path, method, operation: (item as Record<string, Operation>)[method] })),
  );
}

/**
 * Turns each route's access declaration into OpenAPI: `security: []` on public operations, the
 * bearer requirement and `x-roles` otherwise, the 401/403/429 answers; marks operator fields as
 * auditor-only in the read schemas. Undeclared operations are left without `x-roles`, which the
 * access-matrix test refuses.
 */
export function documentAccess(document: OpenAPIObject, env: Pick<Environment, 'READ_ACCESS' | 'RATE_LIMIT_PER_MINUTE' | 'RATE_LIMIT_ANONYMOUS_PER_MINUTE'>): OpenAPIObject {
  document.servers = [{ url: '/', description: 'This server' }];
  document.components = document.components ?? {};
  document.components.securitySchemes = {
    bearer: {
      type: 'http',
      scheme: 'bearer',
      description: 'An API key (`cck_<key id>_<secret>`, or one configured in API_KEYS) or, when OIDC is configured, a JWT from the issuer whose roles claim names the roles',
    },
  };
  const rateLimit = {
    description: `Rate limited: more than ${env.RATE_LIMIT_PER_MINUTE} requests a minute per principal (${env.RATE_LIMIT_ANONYMOUS_PER_MINUTE} per address without a token)`,
    headers: { 'Retry-After': { description: 'Seconds until a request is accepted again', schema: { type: 'integer', example: 42 } } },
    ...ERROR,
  };
  for (const { path, operation } of operationsOf(document)) {
    const access = operation[ACCESS_EXTENSION] as Access | undefined;
    delete operation[ACCESS_EXTENSION];
    const responses = (operation.responses = operation.responses ?? {});
    if (!path.startsWith('/health')) responses['429'] = responses['429'] ?? rateLimit;
    if (!access) continue;
    const roles = rolesFor(access, env.READ_ACCESS);
    operation['x-roles'] = roles;
    operation['x-access'] = access.kind;
    const who = roles.length === 0 ? 'anyone, no token needed' : `a bearer token with role ${roles.join(' or ')} (admin always qualifies)`;
    const readNote = access.kind === 'read' ? ' (READ_ACCESS); recordedBy and correlation ids are shown to auditor and admin only' : '';
    operation.description = `${operation.description ? `${operation.description}\n\n` : ''}**Access:** ${who}${readNote}.`;
    if (roles.length === 0) {
      operation.security = [];
      responses['401'] = responses['401'] ?? { description: 'A token was sent but is not valid (no token is needed here)', ...ERROR };
    } else {
      operation.security = [{ bearer: [] }];
      responses['401'] = responses['401'] ?? { description: 'No token, or a token that is unknown, expired or not signed by the configured issuer', ...ERROR };
      responses['403'] = responses['403'] ?? { description: `The token lacks the role ${roles.join(' or ')}`, ...ERROR };
    }
  }
  const schemas = (document.components.schemas ?? {}) as Record<string, Schema>;
  for (const [name, schema] of Object.entries(schemas)) {
    if (AUDIT_SCHEMAS.has(name) || !schema.properties) continue;
    for (const field of OPERATOR_FIELDS) {
      const property = schema.properties[field];
      if (!property) continue;
      property.description = `${property.description ? `${property.description}. ` : ''}Only in answers to auditor and admin.`;
      schema.required = schema.required?.filter((r) => r !== field);
    }
  }
  return document;
}

/** OpenAPI 3.0 wants a type beside `nullable`: a nullable reference becomes an allOf with the referenced schema's type. */
export function typeNullableReferences(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Record<string, unknown>>;
  const stack: unknown[] = [schemas];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    const record = node as Record<string, unknown>;
    if (record.nullable === true && record.type === undefined) {
      if (typeof record.$ref === 'string') {
        record.allOf = [{ $ref: record.$ref }];
        delete record.$ref;
      }
      const ref = Array.isArray(record.allOf) && record.allOf.length === 1 ? (record.allOf[0] as { $ref?: string }).$ref : undefined;
      record.type = (ref && schemas[ref.split('/').pop()!]?.type) ?? 'object';
    }
    for (const value of Object.values(record)) stack.push(value);
  }
  return document;
}
