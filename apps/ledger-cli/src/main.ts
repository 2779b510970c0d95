import 'reflect-metadata';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `concordat <command> [options]`: one command-line tool for the ledger's offline work.
 * Each command lives in `commands/<name>.command.ts` and exports `run(argv: string[]): Promise<number>`
 * and `summary: string`; the exit code is what `run` returns.
 */
interface CliCommand {
  summary: string;
  run(argv: string[]): Promise<number>;
}

const commandsDir = join(__dirname, 'commands');

function available(): string[] {
  return readdirSync(commandsDir)
    .filter((f) => /\.command\.(js|ts)$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => f.replace(/\.command\.(js|ts)$/, ''))
    .sort();
}

function load(name: string): CliCommand | undefined {
  for (const ext of ['.js', '.ts']) {
    const file = join(commandsDir, `${name}.command${ext}`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if (existsSync(file)) return require(file) as CliCommand;
  }
  return undefined;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') {
    console.log('Usage: concordat <command> [options]\n\nCommands:');
    for (const c of available()) console.log(`  ${c.padEnd(10)} ${load(c)?.summary ?? ''}`);
    return name ? 0 : 2;
  }
  const command = /^[a-z-]+$/.test(name) ? load(name) : undefined;
  if (!command) {
    console.error(`Unknown command "${name}". Known: ${available().join(', ')}`);
    return 2;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
