/**
 * Field-level check of seed entries against the input shapes in `libs/domain/src/ledger-inputs.ts`:
 * required fields present, no extra fields, enums, id/country/money/date patterns. Returns a list of
 * readable problems rather than throwing, so one test can report every problem in a file.
 */
import {
  ADMINISTRATION_ID_PATTERN,
  COUNTRY_PATTERN,
  CURRENCY_PATTERN,
  DECIMAL_PATTERN,
  MONEY_PERIOD_KINDS,
  PLEDGE_STATUSES,
  SLUG_PATTERN,
} from '@concordat/domain/ledger-inputs';
import { isPartialDate } from '@concordat/shared-kernel/partial-date';

type Obj = Record<string, unknown>;
type Check = (value: unknown, where: string, problems: string[]) => void;

const FORUM_KINDS = ['standing-group', 'working-group', 'dialogue', 'initiative', 'agreement', 'conference', 'network', 'summit', 'proposed-mechanism'];
const FIRMNESS = ['pledged', 'committed', 'allocated', 'disbursed'];
const INITIAL_STATUSES = ['proposed', 'agreed', 'not_yet_assessed'];

const str: Check = (v, w, p) => void (typeof v === 'string' && v.trim() !== '' ? undefined : p.push(`${w}: expected a non-empty string`));
const matches = (re: RegExp): Check => (v, w, p) => void (typeof v === 'string' && re.test(v) ? undefined : p.push(`${w}: ${JSON.stringify(v)} does not match ${re}`));
const oneOf = (values: readonly string[]): Check => (v, w, p) => void (values.includes(v as string) ? undefined : p.push(`${w}: ${JSON.stringify(v)} is not one of ${values.join(', ')}`));
const bool: Check = (v, w, p) => void (typeof v === 'boolean' ? undefined : p.push(`${w}: expected a boolean`));
const int: Check = (v, w, p) => void (Number.isInteger(v) && (v as number) > 0 ? undefined : p.push(`${w}: expected a positive integer`));
const partialDateString: Check = (v, w, p) => void (typeof v === 'string' && isPartialDate(v) ? undefined : p.push(`${w}: ${JSON.stringify(v)} is not a partial date (YYYY, YYYY-MM, YYYY-MM-DD)`));
const fullDate: Check = (v, w, p) => void (typeof v === 'string' && v.length === 10 && isPartialDate(v) ? undefined : p.push(`${w}: ${JSON.stringify(v)} is not a full date`));
const arrayOf = (item: Check, nonEmpty = false): Check => (v, w, p) => {
  if (!Array.isArray(v)) return void p.push(`${w}: expected an array`);
  if (nonEmpty && v.length === 0) p.push(`${w}: expected at least one item`);
  v.forEach((x, i) => item(x, `${w}[${i}]`, p));
};

function object(required: Record<string, Check>, optional: Record<string, Check> = {}): Check {
  return (v, w, p) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return void p.push(`${w}: expected an object`);
    const o = v as Obj;
    for (const [key, check] of Object.entries(required)) {
      if (o[key] === undefined) p.push(`${w}.${key}: missing`);
      else check(o[key], `${w}.${key}`, p);
    }
    for (const [key, value] of Object.entries(o)) {
      if (key in required) continue;
      if (!(key in optional)) p.push(`${w}.${key}: not a field of this input shape`);
      else optional[key](value, `${w}.${key}`, p);
    }
  };
}

const slug = matches(SLUG_PATTERN);
const country = matches(COUNTRY_PATTERN);

export const partialDate: Check = (v, w, p) => {
  object({ date: partialDateString }, { approximate: bool, reasoning: str })(v, w, p);
  const d = v as Obj;
  if (d && d.approximate === true && typeof d.reasoning !== 'string') p.push(`${w}: approximate date without reasoning`);
};

export const source: Check = (v, w, p) => {
  object({ document: str }, { locator: str, quote: str, note: str })(v, w, p);
  const s = v as Obj;
  if (s && s.document === 'public-record' && typeof s.note !== 'string') p.push(`${w}: a public-record source needs a note saying what it rests on`);
  if (s && s.document !== 'public-record' && typeof s.quote !== 'string') p.push(`${w}: quote is required unless the document is public-record`);
};

const moneyFields = { firmness: oneOf(FIRMNESS), amount: matches(DECIMAL_PATTERN), currency: matches(CURRENCY_PATTERN), asOf: partialDate };
const moneyPeriod = object({ kind: oneOf(MONEY_PERIOD_KINDS) }, { from: partialDateString, to: partialDateString });
const moneyFact = object(moneyFields, { period: moneyPeriod, note: str, source });

const pledgeRequired = { by: arrayOf(str, true), description: str, themes: arrayOf(slug, true), status: oneOf(INITIAL_STATUSES) };
const pledgeOptional = {
  id: slug,
  accountable: arrayOf(str),
  implementers: arrayOf(str),
  beneficiaries: arrayOf(str),
  dueDate: partialDate,
  money: arrayOf(moneyFact),
  source,
};
const pledge = object(pledgeRequired, pledgeOptional);
const recordPledge = object({ ...pledgeRequired, id: slug, madeOn: partialDate, source }, { ...pledgeOptional, forum: slug });

const minutes = object(
  { forum: slug, title: str, heldOn: partialDate, source },
  {
    id: slug,
    sequence: int,
    place: str,
    hostCountry: country,
    coChairs: arrayOf(object({ name: str, country }, { title: str, organization: str })),
    delegations: arrayOf(object({ country }, { agencies: arrayOf(str), note: str })),
    summary: str,
    priorities: arrayOf(object({ theme: slug, statement: str }, { source })),
    pledges: arrayOf(pledge),
  },
);

const statusChange = object({ pledge: slug, status: oneOf(PLEDGE_STATUSES), effectiveOn: partialDate, reason: str, evidence: source });
const moneyFactEntry = object({ pledge: slug, ...moneyFields, evidence: source }, { period: moneyPeriod, note: str, source });

const FILE_SHAPES: Record<string, Check> = {
  'reference/administrations.json': object({
    administrations: arrayOf(
      object(
        { id: matches(ADMINISTRATION_ID_PATTERN), country, leader: str, startedOn: fullDate, source },
        { endedOn: fullDate },
      ),
    ),
  }),
  'reference/themes.json': object({ themes: arrayOf(object({ id: slug, name: str, definition: str }, { source })) }),
  'reference/forums.json': object({
    forums: arrayOf(
      object(
        { id: slug, name: str, kind: oneOf(FORUM_KINDS), parties: arrayOf(str, true), source },
        { aliases: arrayOf(str), description: str, parentForum: slug, establishedOn: partialDate },
      ),
    ),
  }),
};

const DOCUMENT_SHAPE = object({
  document: str,
  title: str,
  publisher: str,
  publishedOn: partialDateString,
  meetings: arrayOf(minutes),
  pledges: arrayOf(recordPledge),
  statusChanges: arrayOf(statusChange),
  moneyFacts: arrayOf(moneyFactEntry),
});

/** Problems with one seed file's shape; an unknown file name is itself a problem. */
export function shapeProblems(name: string, data: unknown): string[] {
  const problems: string[] = [];
  const check = FILE_SHAPES[name] ?? (name.startsWith('documents/') ? DOCUMENT_SHAPE : undefined);
  if (!check) return [`${name}: not a known seed file (reference/{administrations,themes,forums}.json or documents/*.json)`];
  check(data, '$', problems);
  return problems;
}
