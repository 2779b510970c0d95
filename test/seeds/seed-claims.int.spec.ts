/**
 * A structured claim must not say more than its quote: the figure of a money fact is in its
 * quote, a date the quote does not state is marked approximate with the reasoning that placed it,
 * every sourced record rests on a quote, the names of co-chairs are the documents' own, and no
 * money is on record twice for the same period and firmness from the same document.
 */
import { isWithin, moneyPeriodDays, periodsOverlap, totalMoneyByFirmness, type MoneyPeriod } from '@concordat/domain';
import { itWithDocuments, loadSeedFiles, normalize, SeedSet, sourceDocumentsOrSkip } from './seed-loader';
import { amountsIn, datedClaims, moneyClaims, sourcedRecords, unstatedDateParts } from './seed-claims';

const seeds = new SeedSet(loadSeedFiles());
const sourceDocuments = sourceDocumentsOrSkip('seed claims');
const documents = new Map([...(sourceDocuments ?? [])].map(([name, text]) => [name, normalize(text)]));
const itQuoting = itWithDocuments(sourceDocuments);
const toPeriod = (p: { kind: MoneyPeriod['kind']; from?: string; to?: string } | undefined): MoneyPeriod | null =>
  p ? { kind: p.kind, from: p.from ?? null, to: p.to ?? null } : null;

describe('seed record: claims no larger than their quotes', () => {
  it('states every money figure in its own quote ("$2.8 billion" is 2800000000)', () => {
    const claims = moneyClaims(seeds);
    expect(claims.length).toBeGreaterThan(10);
    const unsupported = claims.filter((m) => !amountsIn(m.source?.quote ?? '').includes(m.fact.amount)).map((m) => `${m.where}: ${m.fact.amount} not in ${JSON.stringify(m.source?.quote)}`);
    expect(unsupported).toEqual([]);
  });

  it('reads amounts the way the documents write them', () => {
    expect(amountsIn('USD$2.8 billion for the Mérida Initiative, of which USD$1.6 billion')).toEqual(['2800000000', '1600000000']);
    expect(amountsIn('over $500 million in assistance; $53 million from Mexico; USD$1,725 per person')).toEqual(['500000000', '53000000', '1725']);
    expect(amountsIn('no money here, 2,000-mile border')).toEqual([]);
  });

  it('marks approximate, with reasoning, every date whose year, month or day its quote does not state', () => {
    const claims = datedClaims(seeds);
    expect(claims.length).toBeGreaterThan(100);
    const unmarked = claims
      .map((c) => ({ c, missing: unstatedDateParts(c.date.date, c.quote ?? '') }))
      .filter(({ c, missing }) => missing.length > 0 && !(c.date.approximate === true && (c.date.reasoning ?? '').trim() !== ''))
      .map(({ c, missing }) => `${c.where} ${c.date.date}: the quote does not state the ${missing.join(', ')}`);
    expect(unmarked).toEqual([]);
  });

  it('tells which parts of a date a quote states', () => {
    expect(unstatedDateParts('2017-06', 'In June 2017, the US and Mexico hosted')).toEqual([]);
    expect(unstatedDateParts('2017-05', 'May Secretaries Tillerson, Kelly')).toEqual(['year 2017']);
    expect(unstatedDateParts('2016-11-04', 'Last Friday I hosted')).toEqual(['year 2016', 'month November', 'day 4']);
    expect(unstatedDateParts('2017', 'between FY 2008-17, the United States Congress')).toEqual([]);
  });

  itQuoting('gives every record the shapes mark as sourced a quote from a document (only reference data may rest on the public record)', () => {
    const records = sourcedRecords(seeds);
    const unsourced = records
      .filter(({ source }) => !source || source.document === 'public-record' || !source.quote || !documents.has(source.document))
      .map(({ where, source }) => `${where}: ${JSON.stringify(source)}`);
    expect(unsourced).toEqual([]);
  });

  itQuoting("names co-chairs, and places meetings, in the documents' own words", () => {
    const problems: string[] = [];
    for (const { id, meeting, document } of seeds.meetings) {
      const text = documents.get(document) ?? '';
      for (const chair of meeting.coChairs ?? []) if (!text.includes(normalize(chair.name))) problems.push(`meeting ${id}: co-chair ${chair.name} is not named so in ${document}`);
      const place = meeting.place?.replace(/\s*\(.*\)$/, '');
      if (place && !text.includes(place)) problems.push(`meeting ${id}: place ${meeting.place} is not in ${document}`);
    }
    expect(problems).toEqual([]);
  });

  it('gives every money fact the period it covers, and never records the same money twice from one document', () => {
    const claims = moneyClaims(seeds);
    expect(claims.filter((m) => !m.fact.period).map((m) => m.where)).toEqual([]);
    const twice: string[] = [];
    claims.forEach((a, i) =>
      claims.slice(i + 1).forEach((b) => {
        if (a.pledge !== b.pledge || a.fact.firmness !== b.fact.firmness || a.fact.currency !== b.fact.currency || a.source?.document !== b.source?.document) return;
        const [da, db] = [moneyPeriodDays(toPeriod(a.fact.period)), moneyPeriodDays(toPeriod(b.fact.period))];
        // A single year inside a cumulative total is a part of it, told apart by its period; any other overlap is the same money twice.
        const nested = (isWithin(da, db) || isWithin(db, da)) && JSON.stringify(da) !== JSON.stringify(db);
        if (periodsOverlap(da, db) && !nested) twice.push(`${a.where} and ${b.where}: ${a.fact.firmness} for overlapping periods from ${a.source?.document}`);
      }),
    );
    expect(twice).toEqual([]);
  });

  it("totals Mérida's money as a reader of the documents would: FY 2007, FY 2008-17 and FY 2018 allocated, FY 2008 inside FY 2008-17, one account of each overlap", () => {
    const label = (m: ReturnType<typeof moneyClaims>[number]) => `${m.source?.document.slice(0, 3)} ${m.fact.amount}`;
    const facts = moneyClaims(seeds)
      .filter((m) => m.pledge === 'merida-us-security-assistance')
      .map((m) => ({ entryId: label(m), firmness: m.fact.firmness, amount: m.fact.amount, currency: m.fact.currency, period: toPeriod(m.fact.period) }));
    const [allocated, disbursed] = totalMoneyByFirmness(facts);
    expect(allocated).toMatchObject({
      firmness: 'allocated',
      amount: '3001000000',
      counted: ['003 2800000000', '003 48000000', '003 153000000'],
      within: [
        { entryId: '001 500000000', countedIn: '003 2800000000' },
        { entryId: '003 400000000', countedIn: '003 2800000000' },
      ],
      overlapping: [{ entryId: '002 2600000000', overlaps: '003 2800000000' }],
      covers: { from: '2006-10-01', to: '2018-09-30' },
    });
    expect(disbursed).toMatchObject({ firmness: 'disbursed', amount: '1600000000', counted: ['003 1600000000'], overlapping: [{ entryId: '002 1600000000', overlaps: '003 1600000000' }] });
  });
});
