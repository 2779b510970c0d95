import type { PledgeItem, TimelineStep } from '@concordat/read-models';

const escapeXml = (text: string): string =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

export type AtomContext = { baseUrl: string; asOf: string; knownAt: string | null; selfUrl: string; limit: number };

type Change = { pledge: PledgeItem; step: TimelineStep };

/** Every status change that counts, one entry each; its `updated` is the last time the ledger touched it (a correction included). */
export function statusChanges(pledges: PledgeItem[]): Change[] {
  return pledges.flatMap((pledge) => pledge.history.filter((step) => step.entryId !== null).map((step) => ({ pledge, step })));
}

const lastTouched = (step: TimelineStep): string => [step.recordedAt, ...step.corrections.map((c) => c.recordedAt)].sort().at(-1)!;

function entryXml({ pledge, step }: Change, ctx: AtomContext): string {
  const link = `${ctx.baseUrl}/v1/pledges/${encodeURIComponent(pledge.id)}?asOf=${ctx.asOf}`;
  const e = step.evidence;
  const lines = [
    `<p>${escapeXml(pledge.description)}</p>`,
    `<p>Status: ${escapeXml(step.previousStatus ?? 'none')} → <strong>${escapeXml(step.status)}</strong>, effective ${escapeXml(step.effectiveOn.date)}${step.effectiveOn.approximate ? ' (approximate)' : ''}.</p>`,
    step.reason ? `<p>Reason: ${escapeXml(step.reason)}</p>` : '',
    `<blockquote>${escapeXml(e.quote ?? '(no quote)')}</blockquote>`,
    `<p>Evidence: ${escapeXml(e.document)}${e.locator ? `, ${escapeXml(e.locator)}` : ''}</p>`,
    ...step.corrections.map((c) => `<p>Corrected ${escapeXml(c.recordedAt)} (${escapeXml(c.fields.join(', '))}): ${escapeXml(c.reason)}</p>`),
  ].filter(Boolean);
  return [
    '  <entry>',
    `    <id>urn:concordat:status-change:${escapeXml(step.entryId!)}</id>`,
    `    <title>${escapeXml(`${pledge.id}: ${step.previousStatus ?? 'none'} → ${step.status} (${step.effectiveOn.date})`)}</title>`,
    `    <updated>${lastTouched(step)}</updated>`,
    `    <published>${step.recordedAt}</published>`,
    `    <link rel="alternate" type="application/json" href="${escapeXml(link)}"/>`,
    `    <category term="${escapeXml(step.status)}" label="status"/>`,
    ...pledge.themes.map((t) => `    <category term="${escapeXml(t)}" label="theme"/>`),
    ...(step.corrections.length ? ['    <category term="corrected" label="correction"/>'] : []),
    `    <content type="html">${escapeXml(lines.join(''))}</content>`,
    '  </entry>',
  ].join('\n');
}

/** RFC 4287 feed, newest recorded first; the feed's author stands for every entry (operator identities are for auditors). */
export function atomFeed(pledges: PledgeItem[], ctx: AtomContext): string {
  const changes = statusChanges(pledges)
    .sort((a, b) => lastTouched(b.step).localeCompare(lastTouched(a.step)) || a.step.entryId!.localeCompare(b.step.entryId!))
    .slice(0, ctx.limit);
  const updated = changes.length ? lastTouched(changes[0].step) : new Date(0).toISOString();
  const scope = `as of ${ctx.asOf}${ctx.knownAt ? `, as known at ${ctx.knownAt}` : ''}`;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>urn:concordat:feeds:status-changes:${escapeXml(ctx.asOf)}:${escapeXml(ctx.knownAt ?? 'all')}</id>`,
    `  <title>Concordat: pledge status changes ${escapeXml(scope)}</title>`,
    `  <updated>${updated}</updated>`,
    '  <author><name>Concordat ledger</name></author>',
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(ctx.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(`${ctx.baseUrl}/`)}"/>`,
    ...changes.map((c) => entryXml(c, ctx)),
    '</feed>',
    '',
  ].join('\n');
}
