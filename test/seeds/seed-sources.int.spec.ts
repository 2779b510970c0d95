/**
 * The seed data set is the founding record: every fact in it must be traceable to the words of a
 * source document, every reference must resolve, and every pledge's history must be one the ledger
 * accepts. Checks are grouped per seed file and list every failure, so one run shows all of them.
 */
import type { PledgeStatus } from '@concordat/domain/ledger-inputs';
import { effectiveEnd, isPartialDate } from '@concordat/shared-kernel/partial-date';
import { collectSources, itWithDocuments, loadSeedFiles, normalize, SeedSet, sourceDocumentsOrSkip } from './seed-loader';
import { shapeProblems } from './seed-shapes';

/** The lead's state machine: allowed next statuses. */
const TRANSITIONS: Record<PledgeStatus, readonly PledgeStatus[]> = {
  proposed: ['agreed', 'withdrawn', 'superseded', 'lapsed'],
  not_yet_assessed: ['agreed', 'in_progress', 'stalled', 'suspended', 'partially_fulfilled', 'fulfilled', 'lapsed', 'withdrawn', 'superseded'],
  agreed: ['in_progress', 'stalled', 'suspended', 'partially_fulfilled', 'fulfilled', 'lapsed', 'withdrawn', 'superseded'],
  in_progress: ['stalled', 'suspended', 'partially_fulfilled', 'fulfilled', 'lapsed', 'withdrawn', 'superseded'],
  stalled: ['in_progress', 'suspended', 'partially_fulfilled', 'fulfilled', 'lapsed', 'withdrawn', 'superseded'],
  suspended: ['in_progress', 'lapsed', 'withdrawn', 'superseded'],
  partially_fulfilled: ['in_progress', 'stalled', 'suspended', 'fulfilled', 'lapsed', 'withdrawn', 'superseded'],
  fulfilled: ['partially_fulfilled', 'superseded'],
  lapsed: ['in_progress', 'superseded'],
  withdrawn: [],
  superseded: [],
};

const files = loadSeedFiles();
const seeds = new SeedSet(files);
const documents = sourceDocumentsOrSkip('seed data set');
const normalizedDocuments = new Map([...(documents ?? [])].map(([name, text]) => [name, normalize(text)]));
const itQuoting = itWithDocuments(documents);

const duplicates = (ids: string[]): string[] => [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
const dayBefore = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

describe('seed data set', () => {
  itQuoting('finds the five source documents, one seed file for each', () => {
    expect(documents?.size).toBe(5);
    expect(seeds.documents.map((d) => d.seed.document).sort()).toEqual([...documents!.keys()].sort());
  });

  it('names each document seed file after its document', () => {
    expect(seeds.documents).toHaveLength(5);
    for (const { file, seed } of seeds.documents) expect(file).toBe(`documents/${seed.document.replace(/\.txt$/, '')}.json`);
  });

  describe.each(files.map((f) => [f.name, f] as const))('%s', (name, file) => {
    it('matches the input shapes (required fields, no extra fields, patterns)', () => {
      expect(shapeProblems(name, file.data)).toEqual([]);
    });

    itQuoting('quotes its source documents verbatim (whitespace aside)', () => {
      const failures: string[] = [];
      for (const { where, source } of collectSources(file.data)) {
        if (source.document === 'public-record' || /^https?:\/\//.test(source.document)) continue;
        const text = normalizedDocuments.get(source.document);
        if (text === undefined) failures.push(`${where}: unknown document ${source.document}`);
        else if (!source.quote || !text.includes(normalize(source.quote))) failures.push(`${where}: not in ${source.document}: ${JSON.stringify(source.quote)}`);
      }
      expect(failures).toEqual([]);
    });

    itQuoting("records priorities in the document's own words", () => {
      const failures: string[] = [];
      if (name.startsWith('documents/')) {
        const doc = file.data as unknown as { document: string; meetings: Array<{ priorities?: Array<{ statement: string; source?: { document: string } }> }> };
        doc.meetings.forEach((m, i) =>
          (m.priorities ?? []).forEach((p, j) => {
            const text = normalizedDocuments.get(p.source?.document ?? doc.document) ?? '';
            if (!text.includes(normalize(p.statement))) failures.push(`meetings[${i}].priorities[${j}]: ${JSON.stringify(p.statement)}`);
          }),
        );
      }
      expect(failures).toEqual([]);
    });
  });

  it('has unique ids of each kind (meeting and pledge ids as the ledger will default them)', () => {
    expect(duplicates(seeds.administrations.map((a) => a.id))).toEqual([]);
    expect(duplicates(seeds.themes.map((t) => t.id))).toEqual([]);
    expect(duplicates(seeds.forums.map((f) => f.id))).toEqual([]);
    expect(duplicates(seeds.meetings.map((m) => m.id))).toEqual([]);
    expect(duplicates(seeds.pledges.map((p) => p.id))).toEqual([]);
  });

  it('defines each theme in one line', () => {
    expect(seeds.themes.filter((t) => /\n/.test(t.definition)).map((t) => t.id)).toEqual([]);
  });

  it('references only themes, forums and pledges that exist in the seeds', () => {
    const themes = new Set(seeds.themes.map((t) => t.id));
    const forums = new Set(seeds.forums.map((f) => f.id));
    const pledges = new Set(seeds.pledges.map((p) => p.id));
    const missing: string[] = [];
    const need = (set: Set<string>, id: string | undefined, where: string) => void (id !== undefined && !set.has(id) && missing.push(`${where}: ${id}`));

    seeds.forums.forEach((f) => need(forums, f.parentForum, `forum ${f.id} parentForum`));
    seeds.meetings.forEach(({ id, meeting }) => {
      need(forums, meeting.forum, `meeting ${id} forum`);
      (meeting.priorities ?? []).forEach((p) => need(themes, p.theme, `meeting ${id} priority`));
    });
    seeds.pledges.forEach(({ id, pledge }) => {
      pledge.themes.forEach((t) => need(themes, t, `pledge ${id} theme`));
      need(forums, (pledge as { forum?: string }).forum, `pledge ${id} forum`);
    });
    seeds.statusChanges.forEach((c) => need(pledges, c.pledge, `${c.file} status change`));
    seeds.moneyFacts.forEach((m) => need(pledges, m.pledge, `${m.file} money fact`));
    expect(missing).toEqual([]);
  });

  it("gives every pledge a status history the state machine accepts, applied in effective-date order", () => {
    const pledges = new Map(seeds.pledges.map((p) => [p.id, p]));
    const current = new Map(seeds.pledges.map((p) => [p.id, p.pledge.status as PledgeStatus]));
    // Stable sort: ties keep file order, as the loader applies them.
    const ordered = [...seeds.statusChanges].sort((a, b) => effectiveEnd(a.effectiveOn.date).localeCompare(effectiveEnd(b.effectiveOn.date)));
    const illegal: string[] = [];
    for (const change of ordered) {
      const pledge = pledges.get(change.pledge);
      const from = current.get(change.pledge);
      if (!pledge || !from) continue; // reported by the reference check
      if (effectiveEnd(change.effectiveOn.date) < effectiveEnd(pledge.madeOn.date)) {
        illegal.push(`${change.pledge}: ${change.status} on ${change.effectiveOn.date} is before the pledge was made (${pledge.madeOn.date})`);
      }
      if (!TRANSITIONS[from].includes(change.status)) illegal.push(`${change.pledge}: ${from} -> ${change.status} on ${change.effectiveOn.date}`);
      current.set(change.pledge, change.status);
    }
    expect(illegal).toEqual([]);
  });

  it('uses partial dates with the precision stated, and reasoning wherever a date is approximate', () => {
    const bad: string[] = [];
    const visit = (value: unknown, where: string): void => {
      if (Array.isArray(value)) return value.forEach((v, i) => visit(v, `${where}[${i}]`));
      if (value === null || typeof value !== 'object') return;
      const o = value as Record<string, unknown>;
      if (typeof o.date === 'string' && ('approximate' in o || 'reasoning' in o || Object.keys(o).length === 1)) {
        if (!isPartialDate(o.date)) bad.push(`${where}.date: ${o.date}`);
        if (o.approximate === true && !(typeof o.reasoning === 'string' && o.reasoning.trim())) bad.push(`${where}: approximate without reasoning`);
      }
      Object.entries(o).forEach(([k, v]) => visit(v, `${where}.${k}`));
    };
    files.forEach((f) => visit(f.data, f.name));
    seeds.documents.forEach(({ file, seed }) => void (!isPartialDate(seed.publishedOn) && bad.push(`${file} publishedOn: ${seed.publishedOn}`)));
    expect(bad).toEqual([]);
  });

  it('chains administrations: each ends the day before its successor starts; only incumbents are open', () => {
    for (const country of new Set(seeds.administrations.map((a) => a.country))) {
      const terms = seeds.administrations.filter((a) => a.country === country).sort((a, b) => a.startedOn.localeCompare(b.startedOn));
      terms.forEach((term, i) => {
        const next = terms[i + 1];
        expect({ id: term.id, endedOn: term.endedOn }).toEqual({ id: term.id, endedOn: next ? dayBefore(next.startedOn) : undefined });
      });
    }
  });
});
