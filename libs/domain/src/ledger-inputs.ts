/**
 * The shapes a clerk submits. HTTP request DTOs mirror these field for field, seed files use
 * them verbatim, and commands carry them into the deciders. Ids are lower-kebab slugs chosen by
 * the clerk (stable ids make retries and seed loading idempotent); countries are ISO 3166-1
 * alpha-2; dates of the world are partial ISO dates (`2016`, `2016-10`, `2016-10-14`).
 */

/** ISO 3166-1 alpha-2, e.g. `US`, `MX`, `GT`. */
export type CountryCode = string;

/** Lower-kebab identifier: `us-mx-security-cooperation-group`, `counter-narcotics`. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Administration ids are `<COUNTRY>-<slug>`, e.g. `US-obama`, `MX-pena-nieto`. */
export const ADMINISTRATION_ID_PATTERN = /^[A-Z]{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const COUNTRY_PATTERN = /^[A-Z]{2}$/;
/** Decimal string for money: no exponent, no thousands separators. */
export const DECIMAL_PATTERN = /^(0|[1-9]\d*)(\.\d+)?$/;
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;

/** Where a fact comes from. `quote` must be the document's exact words. */
export interface SourceInput {
  /** File name in the seed documents (e.g. `000_3fdbd5733350c650.txt`), a URL, or `public-record`. */
  document: string;
  /** Where in the document: paragraph, page, slide, section heading. */
  locator?: string;
  /** The exact words quoted (required unless `document` is `public-record`). */
  quote?: string;
  /** Clerk's note: e.g. what public record a date comes from. */
  note?: string;
}

/** A date of the world, possibly imprecise. */
export interface PartialDateInput {
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  date: string;
  approximate?: boolean;
  /** Why this date was inferred (required when `approximate` is true). */
  reasoning?: string;
}

export interface RegisterAdministrationInput {
  /** `<COUNTRY>-<slug>`, e.g. `US-obama`. */
  id: string;
  country: CountryCode;
  /** Head of government, e.g. `Barack Obama`. */
  leader: string;
  /** First day in office, full date. */
  startedOn: string;
  /** Last day in office is the day before the successor's `startedOn`; omit for the incumbent. */
  endedOn?: string;
  source: SourceInput;
}

export type ForumKind =
  | 'standing-group'
  | 'working-group'
  | 'dialogue'
  | 'initiative'
  | 'agreement'
  | 'conference'
  | 'network'
  | 'summit'
  | 'proposed-mechanism';

export interface RegisterForumInput {
  id: string;
  name: string;
  aliases?: string[];
  kind: ForumKind;
  /** Countries (or organizations) that take part. */
  parties: string[];
  description?: string;
  /** Parent forum id (e.g. a working group under the SCG). */
  parentForum?: string;
  establishedOn?: PartialDateInput;
  source: SourceInput;
}

export interface DefineThemeInput {
  id: string;
  name: string;
  /** One line. */
  definition: string;
  source?: SourceInput;
}

export interface CoChairInput {
  name: string;
  title?: string;
  country: CountryCode;
  organization?: string;
}

export interface DelegationInput {
  country: CountryCode;
  agencies?: string[];
  note?: string;
}

export interface PriorityInput {
  theme: string;
  /** The parties' own words. */
  statement: string;
  source?: SourceInput;
}

export type MoneyFirmness = 'pledged' | 'committed' | 'allocated' | 'disbursed';

/**
 * What span of money a figure covers, so that a cumulative total and the single-year amounts
 * inside it are told apart by data, never added together:
 * - `fiscal-years`: U.S. fiscal years `from`..`to` as `YYYY` (FY 2008 is `from: "2008", to: "2008"`;
 *   FY 2008-17 is `from: "2008", to: "2017"`); FY N runs from N-1-10-01 to N-09-30;
 * - `span`: calendar dates `from`..`to` (partial dates: `2014`..`2016`);
 * - `to-date`: cumulative up to `to` (the document's date), since `from` when the source says since when;
 * - `unstated`: the source gives no period (e.g. a conference pledge's whole amount); no `from`/`to`.
 */
export const MONEY_PERIOD_KINDS = ['fiscal-years', 'span', 'to-date', 'unstated'] as const;
export type MoneyPeriodKind = (typeof MONEY_PERIOD_KINDS)[number];

export interface MoneyPeriodInput {
  kind: MoneyPeriodKind;
  from?: string;
  to?: string;
}

export interface MoneyFactInput {
  firmness: MoneyFirmness;
  /** Decimal string, e.g. `2800000000`. */
  amount: string;
  /** ISO 4217, e.g. `USD`. */
  currency: string;
  /** When the money fact became true (or the period it covers ends). */
  asOf: PartialDateInput;
  /** The period the amount covers. Optional so that facts recorded before periods existed still fold. */
  period?: MoneyPeriodInput;
  note?: string;
  source?: SourceInput;
}

/** Every status a pledge can be in. `not_yet_assessed` is deliberately not a verdict. */
export const PLEDGE_STATUSES = [
  'proposed',
  'not_yet_assessed',
  'agreed',
  'in_progress',
  'stalled',
  'suspended',
  'partially_fulfilled',
  'fulfilled',
  'lapsed',
  'withdrawn',
  'superseded',
] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];
export type InitialPledgeStatus = 'proposed' | 'agreed' | 'not_yet_assessed';

/** A pledge made at a meeting (inside minutes). */
export interface PledgeInput {
  /** Optional; defaults to `<meeting id>-pledge-<n>` (1-based). */
  id?: string;
  /** Who pledged: country codes or organization names. */
  by: string[];
  accountable?: string[];
  implementers?: string[];
  beneficiaries?: string[];
  description: string;
  themes: string[];
  dueDate?: PartialDateInput;
  status: InitialPledgeStatus;
  money?: MoneyFactInput[];
  /** Defaults to the meeting's source. */
  source?: SourceInput;
}

/** A pledge recorded from a document rather than minutes (e.g. a white paper's recommendation). */
export interface RecordPledgeInput extends PledgeInput {
  id: string;
  /** Forum the pledge belongs to, if any. */
  forum?: string;
  /** When the pledge was made or published. */
  madeOn: PartialDateInput;
  source: SourceInput;
}

export interface RecordMinutesInput {
  /** Optional; defaults to `<forum>-<sequence>` or `<forum>-<date>`. */
  id?: string;
  forum: string;
  title: string;
  sequence?: number;
  heldOn: PartialDateInput;
  place?: string;
  hostCountry?: CountryCode;
  coChairs?: CoChairInput[];
  delegations?: DelegationInput[];
  summary?: string;
  priorities?: PriorityInput[];
  pledges?: PledgeInput[];
  source: SourceInput;
}

export interface ChangePledgeStatusInput {
  status: PledgeStatus;
  effectiveOn: PartialDateInput;
  reason: string;
  evidence: SourceInput;
}

export interface RecordMoneyFactInput extends MoneyFactInput {
  evidence: SourceInput;
}

/** Fields of the minutes a correction may replace (whole values, not patches). */
export type MeetingCorrectableFields = Partial<
  Pick<
    RecordMinutesInput,
    'title' | 'sequence' | 'heldOn' | 'place' | 'hostCountry' | 'coChairs' | 'delegations' | 'summary' | 'priorities' | 'source'
  >
>;

export interface CorrectMeetingInput {
  reason: string;
  /** Replace these fields. Exactly one of `changes` and `retract` is given. */
  changes?: MeetingCorrectableFields;
  /** The whole entry was made in error. */
  retract?: boolean;
}

export type PledgeCorrectableFields = Partial<
  Pick<PledgeInput, 'by' | 'accountable' | 'implementers' | 'beneficiaries' | 'description' | 'themes' | 'dueDate' | 'source'>
> & { madeOn?: PartialDateInput };

export interface CorrectPledgeInput {
  reason: string;
  /** Replace these fields of the pledge itself. */
  changes?: PledgeCorrectableFields;
  /** Fix (or, with `retract`, void) a status change or money fact entered wrongly, by its entry id. */
  entry?: {
    id: string;
    retract?: boolean;
    status?: PledgeStatus;
    effectiveOn?: PartialDateInput;
    amount?: string;
    currency?: string;
    firmness?: MoneyFirmness;
    asOf?: PartialDateInput;
    period?: MoneyPeriodInput;
  };
  /** The whole pledge was recorded in error. */
  retract?: boolean;
}

export interface CorrectReferenceInput<T> {
  reason: string;
  changes: Partial<T>;
}
