// `paybench` started with an older Node than it needs (the machine's own, instead of the Node 24
// that npm ci installs): one line saying so and what to run instead, never a stack trace.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from './support/paybench-cli.js';

/** The first `node` on PATH older than Node 24, with its version, if there is one. */
function olderNodeOnPath(): { node: string; version: string } | null {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter).filter(Boolean)) {
    const node = join(dir, 'node');
    try {
      accessSync(node, constants.X_OK);
    } catch {
      continue;
    }
    const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '';
    const major = Number(/^v(\d+)\./.exec(version)?.[1]);
    if (major < 24) return { node, version };
  }
  return null;
}

const older = olderNodeOnPath();

describe('paybench under an older Node', () => {
  it.skipIf(older === null)(
    `refuses in one line, exit 1 (${older ? `${older.node}, ${older.version}` : 'skipped: no Node older than 24 on PATH'})`,
    () => {
      const { node, version } = older as { node: string; version: string };
      const result = spawnSync(node, [CLI, '--help'], { encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).not.toMatch(/TypeError|\n\s+at /);
      expect(result.stderr.trimEnd().split('\n')).toEqual([
        `paybench needs Node 24, this is Node ${version}: run it with \`npm run paybench -- <command>\` (npm ci installs Node 24 into node_modules/.bin)`,
      ]);
    },
  );
});
