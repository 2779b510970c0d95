import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { effectiveEnd } from '@concordat/shared-kernel';

/** One write the seed loader makes, through the same command (and DTO validation) as the HTTP API. */
export interface SeedOperation {
  kind: 'administration' | 'theme' | 'forum' | 'meeting' | 'pledge' | 'status-change' | 'money-fact';
  /** Where it comes from, for error messages: `seeds/documents/000_….json#meetings[2]`. */
  origin: string;
  /** Stable across loads, so loading twice writes nothing the second time. */
  idempotencyKey: string;
  /** The request body, exactly as a clerk would POST it. */
  body: Record<string, unknown>;
  /** For status changes and money facts: the pledge addressed. */
  pledgeId?: string;
}

type Json = Record<string, unknown>;
const list = (file: Json, key: string): Json[] => (Array.isArray(file[key]) ? (file[key] as Json[]) : []);

function readJson(path: string): Json {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Json;
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message})`);
  }
}

/** Forums whose parent is listed later would be refused; order parents first. */
function parentsFirst(forums: Json[]): Json[] {
  const byId = new Map(forums.map((f) => [String(f.id), f]));
  const done = new Set<string>();
  const out: Json[] = [];
  const visit = (f: Json) => {
    if (done.has(String(f.id))) return;
    done.add(String(f.id));
    const parent = typeof f.parentForum === 'string' ? byId.get(f.parentForum) : undefined;
    if (parent) visit(parent);
    out.push(f);
  };
  forums.forEach(visit);
  return out;
}

/**
 * The load order the seeds need: reference data; every document's meetings and pledges; then
 * all status changes by effective date (the end of an imprecise date's period, the rule used
 * everywhere), then money facts.
 */
export function planSeeds(seedsDir: string): SeedOperation[] {
  if (!existsSync(seedsDir)) throw new Error(`No seeds directory at ${seedsDir}`);
  const ref = (name: string) => readJson(join(seedsDir, 'reference', `${name}.json`));
  const ops: SeedOperation[] = [];
  const add = (kind: SeedOperation['kind'], origin: string, key: string, body: Json, pledgeId?: string) =>
    ops.push({ kind, origin, idempotencyKey: `seed:${key}`, body, pledgeId });

  list(ref('administrations'), 'administrations').forEach((a, i) => add('administration', `reference/administrations.json#${i}`, `administration:${a.id}`, a));
  list(ref('themes'), 'themes').forEach((t, i) => add('theme', `reference/themes.json#${i}`, `theme:${t.id}`, t));
  parentsFirst(list(ref('forums'), 'forums')).forEach((f) => add('forum', `reference/forums.json#${f.id}`, `forum:${f.id}`, f));

  const docsDir = join(seedsDir, 'documents');
  const documents = readdirSync(docsDir).filter((f) => f.endsWith('.json')).sort().map((f) => ({ name: f, json: readJson(join(docsDir, f)) }));
  const later: Array<{ end: string; op: () => void }> = [];
  for (const { name, json } of documents) {
    list(json, 'meetings').forEach((m, i) => add('meeting', `documents/${name}#meetings[${i}]`, `${name}:meeting:${m.id ?? i}`, m));
    list(json, 'pledges').forEach((p, i) => add('pledge', `documents/${name}#pledges[${i}]`, `${name}:pledge:${p.id ?? i}`, p));
    list(json, 'statusChanges').forEach((s, i) => {
      const { pledge, ...body } = s;
      const date = (body.effectiveOn as { date?: string } | undefined)?.date ?? '9999';
      later.push({ end: effectiveEnd(date), op: () => add('status-change', `documents/${name}#statusChanges[${i}]`, `${name}:status:${pledge}:${i}`, body, String(pledge)) });
    });
  }
  later.sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : 0)).forEach((l) => l.op());
  for (const { name, json } of documents) {
    list(json, 'moneyFacts').forEach((m, i) => {
      const { pledge, ...body } = m;
      add('money-fact', `documents/${name}#moneyFacts[${i}]`, `${name}:money:${pledge}:${i}`, body, String(pledge));
    });
  }
  return ops;
}
