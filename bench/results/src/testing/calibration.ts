import type { OpenRung } from '../calibration.js';

/** One rung of a calibration ladder that kept its schedule; override what a test is about. */
export const openRung = (overrides: Partial<OpenRung> = {}): OpenRung => ({
  kind: 'open',
  rate: 1000,
  offeredRate: 1000,
  achievedRate: 1000,
  lagP50: 200,
  lagP99: 900,
  p50: 400,
  p99: 1500,
  dropped: 0,
  failed: 0,
  cpuMicrosPerRequest: 20,
  aborted: false,
  ...overrides,
});
