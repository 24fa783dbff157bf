// report.html as a reviewer sees it: opened from disk in a real Chromium, without network.
// With PAYBENCH_REPORT_RUN_DIR set (CI, after running the quick scenario), that run's report is
// checked; otherwise a tiny run with both topologies and a forwarder stall is made first.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openReportInChromium } from './support/open-report-in-chromium.js';
import { paybench, shortBrokenScenario } from './support/paybench-cli.js';
import { keepOffTheGeneratorsCpus } from './support/generator-cpus.js';

// This file runs paybench: its load generator gets its CPUs to itself (see keepOffTheGeneratorsCpus).
beforeAll(keepOffTheGeneratorsCpus);

/** Both topologies, a stall and its recovery: every kind of chart has something to draw. */
function stallScenario(dir: string): string {
  return shortBrokenScenario(dir, 'report-stall', 'a short forwarder stall, for the report test', [
    '{ at: 2s, phase: stall, forwarder: { sink: { mode: stall } } }',
    '{ at: 4s, phase: recovery, forwarder: { sink: { mode: normal } } }',
  ]);
}

/** A run directory with a report.html: the one CI names, or a fresh tiny run. */
async function runDirWithReport(): Promise<string> {
  const given = process.env['PAYBENCH_REPORT_RUN_DIR'];
  if (given) {
    const dir = resolve(given);
    if (!existsSync(join(dir, 'report.html')))
      throw new Error(`PAYBENCH_REPORT_RUN_DIR=${given} has no report.html: run \`paybench report ${given}\` first`);
    return dir;
  }
  const dir = mkdtempSync(join(tmpdir(), 'paybench-report-'));
  const out = join(dir, 'results');
  const { code, stderr } = await paybench(['run', stallScenario(dir), '--out', out, '--no-floor']);
  const [runDir] = existsSync(out) ? readdirSync(out) : [];
  // Exit code 1 (an invalid cell on a busy machine) still writes the report, and the report must show it.
  if (runDir === undefined || code > 1)
    throw new Error(`paybench run exited ${code} without a run directory:\n${stderr}`);
  return join(out, runDir);
}

describe('report.html in Chromium', () => {
  it('opens offline without errors, draws every chart with data, and leads with the verdicts', async () => {
    const dir = await runDirWithReport();
    const screenshot = join(dir, 'report.png');
    const seen = await openReportInChromium(join(dir, 'report.html'), screenshot);

    expect(seen.errors).toEqual([]);
    expect(seen.requests).toEqual([]);
    expect(seen.banner).toMatch(/^(complete|invalid-cells|incomplete)$/);
    expect(seen.verdicts).toMatch(/Verdicts/);
    if (!process.env['PAYBENCH_REPORT_RUN_DIR'])
      expect(seen.verdicts).toMatch(/broken logging configuration at open-40/);

    const ids = seen.charts.map((c) => c.id);
    expect(ids.some((id) => id.startsWith('timeline-'))).toBe(true);
    expect(ids.some((id) => id.startsWith('distribution-'))).toBe(true);
    expect(ids.some((id) => id.startsWith('comparison-'))).toBe(true);
    expect(ids).toContain('availability-heatmap');
    for (const chart of seen.charts) {
      expect(chart.points, chart.id).toBeGreaterThan(0);
      expect(chart.svgs, chart.id).toBe(1);
      expect(chart.paths, chart.id).toBeGreaterThan(10);
      expect(chart.width, chart.id).toBeGreaterThan(300);
      expect(chart.height, chart.id).toBeGreaterThan(150);
      expect(existsSync(join(dir, 'charts', `${chart.id}.svg`)), chart.id).toBe(true);
    }
    expect(existsSync(screenshot)).toBe(true);
  });
});
