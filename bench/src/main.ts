#!/usr/bin/env node
// paybench: the command line. Each command lives in its own file under commands/.
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';

const program = buildProgram();
program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  process.stderr.write(`paybench: ${(error as Error).message}\n`);
  process.exit(1);
});
