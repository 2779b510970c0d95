import { effectiveEnd } from '@concordat/shared-kernel';
import { todayUtc, viewAt } from '@concordat/read-models';
import { Option } from 'commander';
import { applyDataDir, openConfiguredStore } from '../support/configured-store';
import { defineCommand } from '../support/define-command';
import { instant, partialDate } from '../support/option-parsers';
import { asTable, render, reportItems, REPORTS, type Report } from './replay-tables';

interface ReplayOptions {
  asOf?: string;
  knownAt?: string;
  report: Report;
  format: 'table' | 'json';
  dataDir?: string;
}

export const replayCommand = defineCommand<ReplayOptions>({
  name: 'replay',
  summary: 'Replay the log to a date (and as known at an instant) and print a report, computed from the log, never from read models',
  details: [
    'Reads the whole log of the configured store (DATA_DIR, EVENT_STORE), keeps the events recorded by --known-at,',
    'folds them and cuts at --as-of. A year or a month counts at its end, as everywhere in the ledger: --as-of 2016',
    'is 2016-12-31, --as-of 2016-10 is 2016-10-31.',
    'Exit status: 0 printed, 1 no ledger there, 2 usage error.',
  ].join('\n'),
  configure: (c) =>
    c
      .option('--as-of <date>', 'effective date: YYYY, YYYY-MM or YYYY-MM-DD (default: today)', partialDate)
      .option('--known-at <instant>', 'count only what the ledger had recorded by this instant, e.g. 2025-01-01T00:00:00Z', instant)
      .addOption(new Option('--report <name>', 'which report').choices(REPORTS).default('pledges'))
      .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
      .option('--data-dir <dir>', 'the data directory (default: $DATA_DIR, else ./data)'),
  act: async (_args, o) => {
    applyDataDir(o.dataDir);
    const asOf = effectiveEnd(o.asOf ?? todayUtc());
    const { store } = openConfiguredStore({ mustExist: true });
    try {
      // The naive replay on purpose: this is what an auditor checks the read models against.
      const view = viewAt(await store.readAll(), { asOf, knownAt: o.knownAt });
      if (o.format === 'json') {
        console.log(JSON.stringify({ asOf: view.asOf, knownAt: o.knownAt ?? null, report: o.report, items: reportItems(view, o.report) }, null, 2));
      } else {
        const given = o.asOf && o.asOf !== view.asOf ? ` (${o.asOf} counts at its end)` : '';
        console.log(`${o.report} as of ${view.asOf}${given}${o.knownAt ? `, as known at ${o.knownAt}` : ''}\n`);
        console.log(render(asTable(view, o.report)));
      }
      return 0;
    } finally {
      await store.close();
    }
  },
});

export const { summary, run } = replayCommand;
