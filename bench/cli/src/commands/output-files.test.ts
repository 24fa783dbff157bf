// Files paybench writes: a run directory of its own for every run, and outputs that replace
// whatever is at their path (a symlink included) instead of writing through it.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, lstatSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../program.js';
import { writeReports } from '@paybench/bench-outputs';
import { createRunDir, writeFileAtomic } from '@paybench/bench-results';
import { newestRunOf } from '@paybench/bench-analysis';
import { validQuickRun } from '@paybench/bench-results/testing';

const fresh = () => mkdtempSync(join(tmpdir(), 'paybench-files-'));

/** Every file under `dir`, relative, recursively. */
const filesUnder = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' });

/** A file outside the run that a symlink at `link` points to; returns its path. */
function symlinkToBystander(link: string): string {
  const bystander = join(fresh(), 'bystander.txt');
  writeFileSync(bystander, 'not yours\n');
  symlinkSync(bystander, link);
  return bystander;
}

describe('run directories', () => {
  it('gives runs started in the same second directories of their own', () => {
    const root = join(fresh(), 'results');
    const second = new Date('2026-12-04T10:20:30.123Z');
    const runs = [0, 1, 2].map(() => createRunDir(root, second, 'quick'));
    expect(runs.map((r) => r.runId)).toEqual([
      '2026-12-04T10-20-30Z-quick',
      '2026-12-04T10-20-30Z-2-quick',
      '2026-12-04T10-20-30Z-3-quick',
    ]);
    expect(readdirSync(root).sort()).toEqual(runs.map((r) => r.runId).sort());
    expect(createRunDir(root, second, 'other').runId).toBe('2026-12-04T10-20-30Z-other');
  });

  it("finds the newest run of a scenario, counting a second run within one second as newer, and no other scenario's", () => {
    const root = fresh();
    const ids = [
      '2026-12-04T10-20-30Z-quick',
      '2026-12-04T10-20-30Z-2-quick',
      '2026-12-04T10-20-29Z-quick',
      '2026-12-04T10-20-31Z-quick-2',
    ];
    for (const id of ids) {
      mkdirSync(join(root, id));
      writeFileSync(join(root, id, 'result.json'), '{}');
    }
    expect(newestRunOf('quick', root)).toBe(join(root, '2026-12-04T10-20-30Z-2-quick'));
    expect(newestRunOf('quick-2', root)).toBe(join(root, '2026-12-04T10-20-31Z-quick-2'));
  });
});

describe('output files', () => {
  it('replaces a file whole, and a symlink at its path instead of writing through it, leaving no temporary file', () => {
    const dir = fresh();
    const file = join(dir, 'result.json');
    writeFileAtomic(file, 'first');
    writeFileAtomic(file, 'second');
    expect(readFileSync(file, 'utf8')).toBe('second');
    const link = join(dir, 'summary.md');
    const bystander = symlinkToBystander(link);
    writeFileAtomic(link, 'summary');
    expect(lstatSync(link).isSymbolicLink()).toBe(false);
    expect(readFileSync(link, 'utf8')).toBe('summary');
    expect(readFileSync(bystander, 'utf8')).toBe('not yours\n');
    expect(filesUnder(dir).sort()).toEqual(['result.json', 'summary.md']);
  });

  it("regenerates a run's reports over symlinks without touching what they point to", () => {
    const dir = fresh();
    mkdirSync(join(dir, 'charts'));
    const report = symlinkToBystander(join(dir, 'report.html'));
    const summary = symlinkToBystander(join(dir, 'summary.md'));
    const written = writeReports(validQuickRun(), dir);
    const chart = written.find((f) => f.endsWith('.svg')) as string;
    expect(chart).toBeDefined();
    expect(lstatSync(join(dir, 'report.html')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    expect(readFileSync(report, 'utf8')).toBe('not yours\n');
    expect(readFileSync(summary, 'utf8')).toBe('not yours\n');
    expect(filesUnder(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes a baseline over a symlink without touching what it points to', async () => {
    const run = fresh();
    writeFileSync(join(run, 'result.json'), JSON.stringify(validQuickRun()));
    const out = join(fresh(), 'quick.json');
    const bystander = symlinkToBystander(out);
    const program = buildProgram();
    program.configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
    await program.parseAsync(['baseline', run, '--out', out], { from: 'user' });
    expect(process.exitCode ?? 0).toBe(0);
    expect(lstatSync(out).isSymbolicLink()).toBe(false);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ scenario: 'quick' });
    expect(readFileSync(bystander, 'utf8')).toBe('not yours\n');
    expect(filesUnder(join(out, '..'))).toEqual(['quick.json']);
  });
});
