import type { FieldRules } from '../common/fields';
import { InputValidator, isAbsent, isRecord } from '../common/validation';
import type { SourceRef } from '../common/values';
import type { DecisionContext } from '../decider';
import { DomainError } from '../domain-error';
import { COUNTRY_PATTERN } from '../ledger-inputs';
import { normalizePledgeBody, type MinutesPledge } from '../pledge/pledge-terms';
import { defaultPledgeId } from '../stream-ids';
import type { CoChair, Delegation, MeetingFacts, Priority } from './meeting.events';

const COUNTRY = 'an ISO 3166-1 alpha-2 code';

function record(v: InputValidator, field: string, value: unknown): Record<string, unknown> {
  if (!isRecord(value)) throw v.error(field, 'must be an object');
  return value;
}

function coChair(v: InputValidator, field: string, value: unknown): CoChair {
  const x = record(v, field, value);
  return {
    name: v.text(`${field}.name`, x.name),
    title: v.optionalText(`${field}.title`, x.title),
    country: v.pattern(`${field}.country`, x.country, COUNTRY_PATTERN, COUNTRY),
    organization: v.optionalText(`${field}.organization`, x.organization),
  };
}

function delegation(v: InputValidator, field: string, value: unknown): Delegation {
  const x = record(v, field, value);
  return {
    country: v.pattern(`${field}.country`, x.country, COUNTRY_PATTERN, COUNTRY),
    agencies: v.texts(`${field}.agencies`, x.agencies),
    note: v.optionalText(`${field}.note`, x.note),
  };
}

function priority(v: InputValidator, field: string, value: unknown, minutesSource: SourceRef): Priority {
  const x = record(v, field, value);
  return {
    theme: v.slug(`${field}.theme`, x.theme),
    statement: v.text(`${field}.statement`, x.statement),
    source: isAbsent(x.source) ? minutesSource : v.source(`${field}.source`, x.source),
  };
}

/** `minutesSource`: what a priority without its own source cites. */
export function meetingRules(minutesSource: SourceRef): FieldRules<MeetingFacts> {
  return {
    title: (v, f, x) => v.text(f, x),
    sequence: (v, f, x) => (isAbsent(x) ? null : v.positiveInteger(f, x)),
    heldOn: (v, f, x) => v.partialDate(f, x),
    place: (v, f, x) => v.optionalText(f, x),
    hostCountry: (v, f, x) => (isAbsent(x) ? null : v.pattern(f, x, COUNTRY_PATTERN, COUNTRY)),
    coChairs: (v, f, x) => v.list(f, x, (g, y) => coChair(v, g, y)),
    delegations: (v, f, x) => v.list(f, x, (g, y) => delegation(v, g, y)),
    summary: (v, f, x) => v.optionalText(f, x),
    priorities: (v, f, x) => v.list(f, x, (g, y) => priority(v, g, y, minutesSource)),
    source: (v, f, x) => v.source(f, x),
  };
}

export function requireKnownPriorityThemes(context: DecisionContext, priorities: readonly Priority[], field: string): void {
  const known = context.knownThemes;
  const i = known ? priorities.findIndex((p) => !known.has(p.theme)) : -1;
  if (i >= 0) throw DomainError.unknownTheme(priorities[i].theme, `${field}[${i}].theme`);
}

/**
 * The pledges made at the meeting, with ids resolved (`<meetingId>-pledge-<n>` by default) and
 * each id used once: two pledges under one id would silently merge into one stream.
 */
export function minutesPledges(
  v: InputValidator,
  input: unknown,
  meetingId: string,
  minutesSource: SourceRef,
  context: DecisionContext,
): MinutesPledge[] {
  const firstAt = new Map<string, string>();
  return v.list('pledges', input, (field, value, i) => {
    const explicit = isRecord(value) ? value.id : undefined;
    const pledgeId = isAbsent(explicit) ? defaultPledgeId(meetingId, i + 1) : v.slug(`${field}.id`, explicit);
    const earlier = firstAt.get(pledgeId);
    if (earlier !== undefined) throw v.error(`${field}.id`, `repeats pledge id ${pledgeId} (first used by ${earlier})`, { pledgeId, firstUsedBy: earlier });
    firstAt.set(pledgeId, field);
    return { pledgeId, ...normalizePledgeBody(v, field, value, minutesSource, context) };
  });
}
