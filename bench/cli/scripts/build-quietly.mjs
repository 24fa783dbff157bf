#!/usr/bin/env node
// Runs before `npm run paybench|bench|start`: builds every project with Nx, so the CLI always runs
// the current sources. Nx's task log (one block per project, mostly cache replays) would bury
// the CLI's own output, `--help` included, so it is kept back and printed only if the build fails.
import { spawn } from 'node:child_process';

const args = ['run-many', '-t', 'build', '--output-style=static'];
const started = Date.now();
process.stderr.write('paybench: building the apps (nx run-many -t build)... ');

const chunks = [];
const nx = spawn('nx', args, { stdio: ['ignore', 'pipe', 'pipe'] });
nx.stdout.on('data', (chunk) => chunks.push(chunk));
nx.stderr.on('data', (chunk) => chunks.push(chunk));
nx.on('error', (error) => {
  process.stderr.write(
    `failed to start nx: ${error.message}\n(run \`npm ci\` first: nx comes from node_modules/.bin)\n`,
  );
  process.exit(1);
});
nx.on('close', (code, signal) => {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (code === 0) {
    process.stderr.write(`done in ${seconds} s\n`);
    return;
  }
  process.stderr.write(`FAILED (${signal ?? `exit code ${code}`}) after ${seconds} s; Nx printed:\n`);
  process.stderr.write(Buffer.concat(chunks));
  process.exit(code ?? 1);
});
