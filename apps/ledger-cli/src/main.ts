#!/usr/bin/env node
import 'reflect-metadata';
import { CommanderError } from 'commander';
import { cliProgram } from './program';
import { USAGE_ERROR } from './support/define-command';

/** The exit status is what the command's action set; a usage error is 2, a failure 1 with one line. */
cliProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    if (error instanceof CommanderError) {
      // commander has already printed the help, the version or the usage error.
      process.exitCode = error.exitCode === 0 ? 0 : USAGE_ERROR;
      return;
    }
    console.error(`concordat: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
