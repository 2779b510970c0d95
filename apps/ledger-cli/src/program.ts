import { Command } from 'commander';
import type { CliCommand } from './support/define-command';
import { exportCommand } from './commands/export.command';
import { rebuildCommand } from './commands/rebuild.command';
import { replayCommand } from './commands/replay.command';
import { seedCommand } from './commands/seed.command';
import { verifyCommand } from './commands/verify.command';
import { packageVersion } from './support/package-version';

export const COMMANDS: CliCommand[] = [seedCommand, rebuildCommand, replayCommand, exportCommand, verifyCommand];

/**
 * `concordat <command> [options]`. Errors surface as CommanderError (exitOverride) so that main
 * decides the exit status; every subcommand inherits that and the output settings.
 */
export function cliProgram(): Command {
  const program = new Command('concordat')
    .description('The Concordat ledger\'s offline tools: seed, rebuild and replay the record, export and verify it.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', '\nEach command has its own --help, which only prints (it never acts).\nEnvironment: DATA_DIR, EVENT_STORE, EVENTSTORE_CONNECTION_STRING, SEEDS_DIR as for the service; LOG_LEVEL; LOG_FORMAT=json|pretty.');
  for (const command of COMMANDS) program.addCommand(command.command().copyInheritedSettings(program));
  return program;
}
