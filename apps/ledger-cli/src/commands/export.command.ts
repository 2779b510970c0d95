import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { entryLine, exportTrailer, fromHex, MerkleLog, readStoredLedger } from '@concordat/audit';
import { defineCommand, USAGE_ERROR } from '../support/define-command';
import { sequence } from '../support/option-parsers';
import { readSqliteEvents } from '../support/sqlite-events';

export { readSqliteEvents } from '../support/sqlite-events';

interface ExportOptions {
  dataDir?: string;
  sqlite?: string;
  from: number;
  to?: number;
  out?: string;
}

export const exportCommand = defineCommand<ExportOptions>({
  name: 'export',
  summary: 'Export the ledger (NDJSON: entries, checkpoints, proofs) straight from an embedded store file, read-only',
  details: [
    'Give exactly one of --data-dir or --sqlite. Without --out the export goes to stdout; through npm use',
    '`npm run -s export -- ...` (or --out), so that npm\'s banner never ends up in the file.',
    'Exit status: 0 exported, 2 usage error or a range outside the ledger.',
  ].join('\n'),
  configure: (c) =>
    c
      .option('--data-dir <dir>', 'the data directory of an embedded store (reads <dir>/events.sqlite)')
      .option('--sqlite <file>', 'the embedded store file itself')
      .option('--from <sequence>', 'first ledger sequence to export', sequence, 1)
      .option('--to <sequence>', 'last ledger sequence to export (default: the last one)', sequence)
      .option('--out <file>', 'write the export to this file (complete or not at all) instead of stdout'),
  act: async (_args, o) => {
    if (!o.dataDir === !o.sqlite) {
      console.error('give exactly one of --data-dir or --sqlite (see concordat export --help)');
      return USAGE_ERROR;
    }
    const ledger = readStoredLedger(readSqliteEvents(o.sqlite ?? join(o.dataDir!, 'events.sqlite')), undefined);
    const size = ledger.entries.length;
    const last = o.to ?? size;
    if (last > size || o.from > Math.max(last, 1)) {
      console.error(`The range ${o.from}..${last} is not inside the ledger's ${size} entries`);
      return USAGE_ERROR;
    }
    const tree = new MerkleLog(ledger.entries.map((e) => fromHex(e.leafHash || '00'.repeat(32), 32)));
    // A checkpoint beyond the stored entries (a deleted tail) gets an empty proof, which fails verification.
    const proofs = {
      consistencyProof: (m: number, n: number) => (n <= tree.size ? tree.consistencyProof(m, n) : []),
      inclusionProof: (i: number, n: number) => (n <= tree.size ? tree.inclusionProof(i, n) : []),
    };
    const lines = [...ledger.entries.slice(o.from - 1, last).map(entryLine), ...exportTrailer(ledger.checkpoints, proofs, o.from, last)];
    if (!o.out) {
      await writeLines(process.stdout, lines);
      return 0;
    }
    // Written beside the target and renamed: a reader never sees half an export under its name.
    const partial = `${o.out}.partial`;
    const sink = createWriteStream(partial);
    try {
      await writeLines(sink, lines);
      sink.end();
      await once(sink, 'finish');
      renameSync(partial, o.out);
    } catch (error) {
      rmSync(partial, { force: true });
      throw error;
    }
    console.error(`Exported ledger sequences ${o.from}..${last} and ${ledger.checkpoints.length} checkpoints to ${o.out}`);
    return 0;
  },
});

async function writeLines(sink: Writable, lines: string[]): Promise<void> {
  for (const line of lines) if (!sink.write(`${line}\n`)) await once(sink, 'drain');
}

export const { summary, run } = exportCommand;
