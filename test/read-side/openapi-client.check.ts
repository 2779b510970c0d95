import type { paths } from 'generated-ledger-api';

/**
 * A reporting tool's client, written only against the types openapi-typescript generates from
 * /docs-json. The e2e spec type-checks it (strict) and runs it against the app: if a response
 * schema were an untyped object, or drifted from what the API sends, this would not compile or
 * would fail at run time. Callback parameters are annotated with the shape this tool relies on,
 * so the compiler also checks the generated element types against it.
 */
type Get<P extends keyof paths> = paths[P] extends { get: infer O } ? O : never;
type QueryOf<P extends keyof paths> = Get<P> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
type OkOf<P extends keyof paths> = Get<P> extends { responses: { 200: { content: { 'application/json': infer B } } } } ? B : never;

export async function read<P extends keyof paths & string>(baseUrl: string, path: P, query: QueryOf<P>, params: Record<string, string> = {}): Promise<OkOf<P>> {
  const url = new URL(path.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(params[key])), baseUrl);
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) if (value !== undefined) url.searchParams.set(key, String(value));
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`GET ${url.pathname}${url.search}: ${res.status} ${await res.text()}`);
  return (await res.json()) as OkOf<P>;
}

/** Calls every report and list once and returns one line per answer. */
export async function callEachReport(baseUrl: string): Promise<string[]> {
  const lines: string[] = [];

  const board = await read(baseUrl, '/v1/pledges', { asOf: '2019-12-31', status: 'in_progress,lapsed', limit: 50 });
  const first = board.items[0];
  const age: number = first.ageDays;
  const last: string | null = first.lastChange === null ? null : first.lastChange.status;
  const evidence: string[] = first.evidence.map((s: { document: string }) => s.document);
  lines.push(`pledges: ${board.page.total} (${first.id}: ${first.status}, ${age} days, last ${last}, ${evidence.length} sources)`);

  const pledge = await read(baseUrl, '/v1/pledges/{id}', {}, { id: first.id });
  const revision: number = pledge.revision;
  lines.push(`pledge ${pledge.id}: revision ${revision}, ${pledge.history.length} steps, knownAt ${pledge.knownAt ?? 'now'}`);

  const meetings = await read(baseUrl, '/v1/meetings', { forum: 'us-mx-security-cooperation-group' });
  const meeting = await read(baseUrl, '/v1/meetings/{id}', { asOf: '2018-12-31' }, { id: meetings.items[0].id });
  const statements: string[] = meeting.priorities.map((p: { statement: string }) => p.statement);
  lines.push(`meetings: ${meetings.items.length}; ${meeting.title}: ${statements.length} priorities, co-chairs ${meeting.coChairs.map((c: { name: string }) => c.name).join(' & ')}`);

  const priorities = await read(baseUrl, '/v1/reports/priorities-by-administration', { kind: 'pair', country: 'MX', asOf: '2019-12-31' });
  const times: number[] = priorities.items.flatMap((row: { themes: Array<{ occasions: number }> }) => row.themes.map((t) => t.occasions));
  lines.push(`priorities: ${priorities.items.length} pairs, ${times.reduce((a, b) => a + b, 0)} occasions`);

  const changes = await read(baseUrl, '/v1/reports/priority-changes', { country: 'US' });
  lines.push(`priority changes: ${changes.items.map((c: { from: { id: string }; to: { id: string }; dropped: unknown[]; added: unknown[] }) => `${c.from.id}>${c.to.id} -${c.dropped.length} +${c.added.length}`).join(', ')}`);

  const inherited = await read(baseUrl, '/v1/reports/inherited-commitments', { administration: 'US-obama' });
  const outcomes: string[] = inherited.items.flatMap((row: { pledges: Array<{ statusAtHandover: string; outcome: string }> }) => row.pledges.map((p) => `${p.statusAtHandover}->${p.outcome}`));
  lines.push(`inherited from US-obama: ${outcomes.join(', ')}`);

  const activity = await read(baseUrl, '/v1/reports/forum-activity', { forum: 'us-mx-security-cooperation-group', asOf: '2019-12-31' });
  const silence: number | null = activity.items[0].silence?.days ?? null;
  lines.push(`forum activity: ${activity.items[0].meetingCount} meetings, ${silence} days of silence`);

  const admins = await read(baseUrl, '/v1/administrations', { country: 'MX' });
  const forums = await read(baseUrl, '/v1/forums', {});
  const themes = await read(baseUrl, '/v1/themes', { limit: 5 });
  const next: string | null = themes.page.nextCursor;
  lines.push(`reference: ${admins.items.length} MX administrations, ${forums.items.length} forums, ${themes.page.total} themes (next ${next === null ? 'none' : 'page'})`);
  return lines;
}
