/**
 * The structured claims of the seed record, each with the quote that must support it: dates with
 * their quote, money facts with theirs, and every record that asserts a fact with the source it
 * rests on (its own, or the one the domain falls back to). The spec checks them; this module only
 * gathers them, so the rules about what supports what are written once.
 */
import type { MoneyFactInput, PartialDateInput, SourceInput } from '@concordat/domain/ledger-inputs';
import { SeedSet } from './seed-loader';

export interface DatedClaim {
  where: string;
  date: PartialDateInput;
  quote: string | undefined;
  document: string | undefined;
}

export interface MoneyClaim {
  where: string;
  pledge: string;
  fact: MoneyFactInput;
  source: SourceInput | undefined;
}

export interface SourcedRecord {
  where: string;
  source: SourceInput | undefined;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * The parts of a date its quote does not state. A year is stated by its four digits (or as the
 * end of a fiscal-year span, `FY 2008-17`); a month by its English name; a day by its number.
 */
export function unstatedDateParts(date: string, quote: string): string[] {
  const [year, month, day] = date.split('-');
  const missing: string[] = [];
  const yearStated = new RegExp(`\\b${year}\\b`).test(quote) || new RegExp(`\\b\\d{4}-${year.slice(2)}\\b`).test(quote);
  if (!yearStated) missing.push(`year ${year}`);
  if (month !== undefined && !quote.includes(MONTHS[Number(month) - 1])) missing.push(`month ${MONTHS[Number(month) - 1]}`);
  if (day !== undefined && !new RegExp(`\\b0?${Number(day)}\\b`).test(quote.replace(/\b\d{4}\b/g, ''))) missing.push(`day ${Number(day)}`);
  return missing;
}

const SCALE: Record<string, number> = { thousand: 3, million: 6, billion: 9, trillion: 12 };

/** Every amount a quote states, as the ledger's decimal strings: "$2.8 billion" is 2800000000. */
export function amountsIn(quote: string): string[] {
  const found: string[] = [];
  for (const m of quote.matchAll(/(?:USD\s?\$|US\$|\$|USD\s)\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(thousand|million|billion|trillion))?/gi)) {
    const digits = m[1].replace(/,/g, '');
    const [whole, fraction = ''] = digits.split('.');
    const zeros = m[2] ? SCALE[m[2].toLowerCase()] : 0;
    if (fraction.length > zeros) {
      found.push(`${whole}${fraction.slice(0, zeros)}.${fraction.slice(zeros)}`.replace(/^0+(?=\d)/, ''));
    } else {
      found.push(`${whole}${fraction.padEnd(zeros, '0')}`.replace(/^0+(?=\d)/, ''));
    }
  }
  return found;
}

/** Dates whose support is a quote: when a meeting was held, a document pledge made, a status took effect, a money fact held, a forum began. */
export function datedClaims(seeds: SeedSet): DatedClaim[] {
  const claims: DatedClaim[] = [];
  for (const f of seeds.forums) {
    if (f.establishedOn) claims.push({ where: `forum ${f.id} establishedOn`, date: f.establishedOn, quote: f.source.quote, document: f.source.document });
  }
  for (const { id, meeting } of seeds.meetings) {
    claims.push({ where: `meeting ${id} heldOn`, date: meeting.heldOn, quote: meeting.source.quote, document: meeting.source.document });
  }
  for (const { id, pledge, file } of seeds.pledges) {
    const source = pledge.source;
    // Pledges in minutes are made when the meeting was held: that date is checked with the meeting.
    if ('madeOn' in pledge) claims.push({ where: `pledge ${id} madeOn (${file})`, date: (pledge as { madeOn: PartialDateInput }).madeOn, quote: source?.quote, document: source?.document });
    if (pledge.dueDate) claims.push({ where: `pledge ${id} dueDate`, date: pledge.dueDate, quote: source?.quote, document: source?.document });
  }
  for (const c of seeds.statusChanges) {
    claims.push({ where: `status change ${c.pledge} -> ${c.status} (${c.file})`, date: c.effectiveOn, quote: c.evidence.quote, document: c.evidence.document });
  }
  for (const m of moneyClaims(seeds)) {
    claims.push({ where: `${m.where} asOf`, date: m.fact.asOf, quote: m.source?.quote, document: m.source?.document });
  }
  return claims;
}

/** Every money fact, given with a pledge or on its own, with the source that supports it. */
export function moneyClaims(seeds: SeedSet): MoneyClaim[] {
  const claims: MoneyClaim[] = [];
  for (const { id, pledge } of seeds.pledges) {
    (pledge.money ?? []).forEach((fact, i) => claims.push({ where: `pledge ${id} money[${i}]`, pledge: id, fact, source: fact.source ?? pledge.source }));
  }
  for (const m of seeds.moneyFacts) {
    claims.push({ where: `${m.file} money fact for ${m.pledge} (${m.firmness} ${m.amount})`, pledge: m.pledge, fact: m, source: m.evidence });
  }
  return claims;
}

/**
 * The records whose fields the input shapes mark as sourced (`source` or `evidence`), each with
 * the source the ledger will hold for it: its own, or, where the domain lets it inherit, the
 * meeting's (priorities, pledges in minutes) or the pledge's (money given with a pledge).
 */
export function sourcedRecords(seeds: SeedSet): SourcedRecord[] {
  const records: SourcedRecord[] = [];
  seeds.forums.forEach((f) => records.push({ where: `forum ${f.id}`, source: f.source }));
  for (const { id, meeting } of seeds.meetings) {
    records.push({ where: `meeting ${id}`, source: meeting.source });
    (meeting.priorities ?? []).forEach((p, i) => records.push({ where: `meeting ${id} priorities[${i}]`, source: p.source ?? meeting.source }));
    (meeting.pledges ?? []).forEach((p, i) => records.push({ where: `meeting ${id} pledges[${i}]`, source: p.source ?? meeting.source }));
  }
  for (const { id, pledge } of seeds.pledges) records.push({ where: `pledge ${id}`, source: pledge.source });
  seeds.statusChanges.forEach((c) => records.push({ where: `status change ${c.pledge} -> ${c.status}`, source: c.evidence }));
  moneyClaims(seeds).forEach((m) => records.push({ where: m.where, source: m.source }));
  return records;
}
