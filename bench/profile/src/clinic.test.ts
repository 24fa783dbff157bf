import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clinicOutcome, clinicWrapper, isClinicTool, REFUSED_CLINIC_TOOLS } from './clinic.js';

describe('clinic.js tools', () => {
  it('run the clinic CLI non-interactively and offline, writing into the cell directory, stopped like Ctrl-C', () => {
    const wrapper = clinicWrapper('doctor', { dir: '/runs/r/clinic/01-x', name: 'risk', timeoutMs: 60_000 });
    expect(wrapper.command).toBe(process.execPath);
    expect(wrapper.args.slice(2)).toEqual([
      expect.stringMatching(/node_modules\/clinic\/bin\.js$/),
      'doctor',
      '--open=false',
      '--dest',
      '/runs/r/clinic/01-x',
      '--name',
      'risk',
      '--',
    ]);
    expect(wrapper.args.slice(0, 2)).toEqual(['--import', expect.stringMatching(/^file:.*clinic-console\.(js|ts)$/)]);
    expect(wrapper).toMatchObject({
      stopSignal: 'SIGINT',
      stopTimeoutMs: 60_000,
      cwd: '/runs/r/clinic/01-x',
      env: { NO_INSIGHT: '1', NO_UPDATE_NOTIFIER: '1' },
    });
  });

  it('know which tools exist and which are refused', () => {
    expect(['doctor', 'flame', 'heapprofiler'].every(isClinicTool)).toBe(true);
    expect(isClinicTool('bubbleprof')).toBe(false);
    expect(REFUSED_CLINIC_TOOLS['bubbleprof']).toMatch(/hangs/);
  });

  it('report what a run left behind: a report, nothing, or a tool stopped for taking too long', () => {
    const runDir = mkdtempSync(join(tmpdir(), 'paybench-clinic-'));
    const dir = join(runDir, 'clinic', '01-cell');
    mkdirSync(join(dir, 'risk.clinic-flame'), { recursive: true });
    const base = { dir, name: 'risk', process: 'risk', runDir, timeoutMs: 30_000, exit: { code: 0, signal: null } };
    expect(clinicOutcome('flame', { ...base, killed: false })).toMatchObject({
      status: 'failed',
      data: 'clinic/01-cell/risk.clinic-flame',
      html: null,
      message: expect.stringMatching(/wrote no report \(it exited with code 0/),
    });
    expect(clinicOutcome('flame', { ...base, killed: true })).toMatchObject({
      status: 'timeout',
      message: expect.stringMatching(/did not finish within 30 s .*stopped.*--tool-timeout/),
    });
    writeFileSync(join(dir, 'risk.clinic-flame.html'), '<html></html>');
    expect(clinicOutcome('flame', { ...base, killed: false })).toEqual({
      tool: 'flame',
      process: 'risk',
      data: 'clinic/01-cell/risk.clinic-flame',
      html: 'clinic/01-cell/risk.clinic-flame.html',
      status: 'ok',
      message: `clinic flame report: ${join(dir, 'risk.clinic-flame.html')}`,
    });
  });
});
