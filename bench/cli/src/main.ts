#!/usr/bin/env node
// paybench: the command line. Each command lives in its own file under commands/.
// Static imports run before any code, so only the Node version check is imported statically:
// the program and its dependencies are loaded once the Node that runs them is known to fit.
import { EXIT } from './exit-codes.js';
import { checkNodeVersion } from './node-version.js';

const node = checkNodeVersion(process.version);
if (node.verdict !== 'ok') process.stderr.write(`${node.message}\n`);
if (node.verdict === 'refuse') process.exit(EXIT.failed);

const [{ CommanderError }, { buildProgram }] = await Promise.all([import('commander'), import('./program.js')]);
const program = buildProgram();
program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  process.stderr.write(`paybench: ${(error as Error).message}\n`);
  process.exit(EXIT.failed);
});
