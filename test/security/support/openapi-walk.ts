import request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import { TOKENS } from '../../support/test-app';

export type Schema = Record<string, unknown>;
export interface Parameter { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: Schema; example?: unknown }
export interface Operation {
  path: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  operationId: string;
  parameters: Parameter[];
  body?: Schema;
  roles?: string[];
  security?: unknown[];
  /** The route answers an open event stream (text/event-stream). */
  streams: boolean;
  /** The documented answers by status code. */
  responses: Record<string, { description?: string; headers?: Record<string, unknown>; content?: Record<string, unknown> }>;
}
export interface OpenApiDocument { paths: Record<string, Record<string, Record<string, unknown>>>; components: { schemas: Record<string, Schema> } }

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export async function fetchDocument(app: INestApplication): Promise<OpenApiDocument> {
  const res = await request(app.getHttpServer()).get('/docs-json');
  if (res.status !== 200) throw new Error(`/docs-json answered ${res.status}`);
  return res.body as OpenApiDocument;
}

/** Every operation of the document, with its declared roles (`x-roles`) and body schema. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => {
      const op = item[method];
      const responses = (op.responses as Operation['responses'] | undefined) ?? {};
      const body = (op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content?.['application/json']?.schema;
      return {
        path,
        method,
        operationId: String(op.operationId),
        parameters: ((op.parameters as Parameter[] | undefined) ?? []).filter((p) => p.in === 'path' || p.in === 'query' || p.in === 'header'),
        body,
        roles: op['x-roles'] as string[] | undefined,
        // Event streams stay open by design: a request-and-wait walk cannot judge them.
        streams: Object.values(responses).some((r) => r.content?.['text/event-stream'] !== undefined),
        responses,
        security: op.security as unknown[] | undefined,
      };
    }),
  );
}

export function resolve(doc: OpenApiDocument, schema: Schema | undefined): Schema | undefined {
  let s = schema;
  for (let i = 0; i < 10 && s && typeof s.$ref === 'string'; i++) s = doc.components.schemas[(s.$ref as string).split('/').pop()!];
  if (s && Array.isArray(s.allOf) && s.allOf.length === 1) return resolve(doc, s.allOf[0] as Schema);
  return s;
}

/** The token of a principal holding the first role a route admits (admin when only admin is named). */
export function tokenFor(role: string | undefined): string | undefined {
  switch (role) {
    case 'clerk': return TOKENS.clerk;
    case 'auditor': return TOKENS.auditor;
    case 'reporter': return TOKENS.reporter;
    case 'admin': return TOKENS.admin;
    default: return undefined;
  }
}

/** `/v1/pledges/{id}` with the given values for its path parameters (already encoded). */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => values[name] ?? 'x');
}
