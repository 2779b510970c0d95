/**
 * Loads the seed data set (`seeds/**.json`) and the source documents it quotes, and flattens the
 * seed files into the entries the ledger will receive, so the spec can check them without knowing
 * the file layout twice.
 */
import * as fs from 'fs';
import * as path from 'path';
import type {
  DefineThemeInput,
  PledgeInput,
  RecordMinutesInput,
  RecordPledgeInput,
  RegisterAdministrationInput,
  RegisterForumInput,
  ChangePledgeStatusInput,
  RecordMoneyFactInput,
  PartialDateInput,
  SourceInput,
} from '@concordat/domain/ledger-inputs';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SEEDS_DIR = path.join(REPO_ROOT, 'seeds');

export type StatusChangeEntry = { pledge: string } & ChangePledgeStatusInput;
export type MoneyFactEntry = { pledge: string } & RecordMoneyFactInput;

export interface DocumentSeed {
  document: string;
  title: string;
  publisher: string;
  publishedOn: string;
  meetings: RecordMinutesInput[];
  pledges: RecordPledgeInput[];
  statusChanges: StatusChangeEntry[];
  moneyFacts: MoneyFactEntry[];
}

export interface SeedFile {
  /** Path relative to `seeds/`, e.g. `documents/000_3fdbd5733350c650.json`. */
  name: string;
  data: Record<string, unknown>;
}

/** A pledge with the meeting or document it came from, as the ledger will hold it. */
export interface LoadedPledge {
  id: string;
  pledge: PledgeInput;
  madeOn: PartialDateInput;
  file: string;
}

/**
 * The five source documents live outside the repository: `SEED_DOCUMENTS_DIR`, resolved against the
 * repository root, by default `../shared/seed-documents` (CI has `shared/` beside the clone).
 */
export const SEED_DOCUMENTS_DIR = path.resolve(REPO_ROOT, process.env.SEED_DOCUMENTS_DIR || '../shared/seed-documents');

/**
 * The source documents by file name, or `undefined` (after one line on stdout) when the folder is
 * absent, so a clone with nothing beside it skips only the checks that quote the documents.
 */
export function sourceDocumentsOrSkip(suite: string): Map<string, string> | undefined {
  if (fs.existsSync(SEED_DOCUMENTS_DIR)) return loadSourceDocuments(SEED_DOCUMENTS_DIR);
  // Written past Jest's console capture, like the EventStoreDB contract suite's line.
  process.stdout.write(`\n${suite}: checks against the source documents SKIPPED: SEED_DOCUMENTS_DIR (${SEED_DOCUMENTS_DIR}) does not exist\n`);
  return undefined;
}

/** `it` when the documents are there, `it.skip` when not. */
export const itWithDocuments = (documents: Map<string, string> | undefined): jest.It => (documents ? it : it.skip);

export function loadSeedFiles(dir: string = SEEDS_DIR): SeedFile[] {
  const walk = (d: string): string[] =>
    fs
      .readdirSync(d, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.json') ? [path.join(d, e.name)] : []));
  return walk(dir)
    .sort()
    .map((file) => ({ name: path.relative(dir, file).split(path.sep).join('/'), data: JSON.parse(fs.readFileSync(file, 'utf8')) }));
}

export function loadSourceDocuments(dir: string = SEED_DOCUMENTS_DIR): Map<string, string> {
  const docs = new Map<string, string>();
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.txt')).sort()) {
    docs.set(name, fs.readFileSync(path.join(dir, name), 'utf8'));
  }
  return docs;
}

/** Whitespace differences are tolerated, nothing else. */
export const normalize = (text: string): string => text.replace(/\s+/g, ' ').trim();

export function meetingId(m: RecordMinutesInput): string {
  return m.id ?? (m.sequence !== undefined ? `${m.forum}-${m.sequence}` : `${m.forum}-${m.heldOn.date}`);
}

/** Every `source`/`evidence` object anywhere in a seed file, with a readable path to it. */
export function collectSources(value: unknown, where = '$'): Array<{ where: string; source: SourceInput }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => collectSources(v, `${where}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) =>
    (key === 'source' || key === 'evidence') && v !== null && typeof v === 'object' && !Array.isArray(v)
      ? [{ where: `${where}.${key}`, source: v as SourceInput }]
      : collectSources(v, `${where}.${key}`),
  );
}

export class SeedSet {
  readonly administrations: RegisterAdministrationInput[] = [];
  readonly themes: DefineThemeInput[] = [];
  readonly forums: RegisterForumInput[] = [];
  readonly documents: Array<{ file: string; seed: DocumentSeed }> = [];

  constructor(readonly files: SeedFile[]) {
    for (const { name, data } of files) {
      if (name === 'reference/administrations.json') this.administrations.push(...(data.administrations as RegisterAdministrationInput[]));
      else if (name === 'reference/themes.json') this.themes.push(...(data.themes as DefineThemeInput[]));
      else if (name === 'reference/forums.json') this.forums.push(...(data.forums as RegisterForumInput[]));
      else if (name.startsWith('documents/')) this.documents.push({ file: name, seed: data as unknown as DocumentSeed });
    }
  }

  get meetings(): Array<{ id: string; meeting: RecordMinutesInput; file: string; document: string }> {
    return this.documents.flatMap(({ file, seed }) =>
      seed.meetings.map((meeting) => ({ id: meetingId(meeting), meeting, file, document: seed.document })),
    );
  }

  get pledges(): LoadedPledge[] {
    const fromMinutes = this.meetings.flatMap(({ id, meeting, file }) =>
      (meeting.pledges ?? []).map((pledge, i) => ({ id: pledge.id ?? `${id}-pledge-${i + 1}`, pledge, madeOn: meeting.heldOn, file })),
    );
    const fromDocuments = this.documents.flatMap(({ file, seed }) =>
      seed.pledges.map((pledge) => ({ id: pledge.id, pledge, madeOn: pledge.madeOn, file })),
    );
    return [...fromMinutes, ...fromDocuments];
  }

  get statusChanges(): Array<StatusChangeEntry & { file: string }> {
    return this.documents.flatMap(({ file, seed }) => seed.statusChanges.map((c) => ({ ...c, file })));
  }

  get moneyFacts(): Array<MoneyFactEntry & { file: string }> {
    return this.documents.flatMap(({ file, seed }) => seed.moneyFacts.map((m) => ({ ...m, file })));
  }
}
