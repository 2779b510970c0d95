import { Command, CommanderError, type OptionValues } from 'commander';

/** One `concordat <name>` command: its options (commander), and what it does, returning the exit code. */
export interface CommandSpec<O extends OptionValues> {
  name: string;
  summary: string;
  /** Shown under the options by `--help`. */
  details?: string;
  configure(command: Command): Command;
  act(args: string[], options: O): Promise<number>;
}

export interface CliCommand {
  name: string;
  summary: string;
  /** The definition for the `concordat` program; the action sets process.exitCode. */
  command(): Command;
  /** Parses `argv` (after the command name) and runs it in this process; usage errors return 2. */
  run(argv: string[]): Promise<number>;
}

/** Usage errors exit 2, as in most Unix tools; commander's own default is 1. */
export const USAGE_ERROR = 2;

export function defineCommand<O extends OptionValues>(spec: CommandSpec<O>): CliCommand {
  const build = (done: (code: number) => void): Command => {
    const command = spec.configure(new Command(spec.name).summary(spec.summary).description(spec.summary));
    if (spec.details) command.addHelpText('after', `\n${spec.details}`);
    return command.action(async (...params: unknown[]) => {
      const self = params[params.length - 1] as Command;
      done(await spec.act(self.processedArgs as string[], self.opts<O>()));
    });
  };
  return {
    name: spec.name,
    summary: spec.summary,
    command: () => build((code) => (process.exitCode = code)),
    async run(argv) {
      let code = 0;
      const command = build((c) => (code = c))
        .exitOverride()
        .configureOutput({ writeOut: (s) => console.log(s.trimEnd()), writeErr: (s) => console.error(s.trimEnd()) });
      try {
        await command.parseAsync(argv, { from: 'user' });
      } catch (error) {
        if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : USAGE_ERROR;
        throw error;
      }
      return code;
    },
  };
}
