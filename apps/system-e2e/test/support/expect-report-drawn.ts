// What every report.html must show a reviewer in a real browser: the assertions the report tests share.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openReportInChromium } from './open-report-in-chromium.js';

/**
 * Opens `<runDir>/report.html` from disk in headless Chromium (screenshot saved as report.png beside it) and asserts
 * it opens offline without errors, leads with the verdicts (matching `verdict` when given) and draws every chart
 * with data: a timeline, a distribution, a comparison and the availability heat map at least.
 */
export async function expectReportDrawn(runDir: string, verdict?: RegExp): Promise<void> {
  const screenshot = join(runDir, 'report.png');
  const seen = await openReportInChromium(join(runDir, 'report.html'), screenshot);

  expect(seen.errors).toEqual([]);
  expect(seen.requests).toEqual([]);
  expect(seen.banner).toMatch(/^(complete|invalid-cells|incomplete)$/);
  expect(seen.verdicts).toMatch(/Verdicts/);
  if (verdict) expect(seen.verdicts).toMatch(verdict);

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
    expect(existsSync(join(runDir, 'charts', `${chart.id}.svg`)), chart.id).toBe(true);
  }
  expect(existsSync(screenshot)).toBe(true);
}
