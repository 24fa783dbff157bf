import { describe, expect, it } from 'vitest';
import { cellResult, runResult } from '@paybench/bench-results/testing';
import { summarizeRun } from './summarize-run.js';
import { richTextToMarkdown } from './rich-text.js';
import { axisRank, cellConfiguration, configurationPhrase, scenarioAxes } from './scenario-axes.js';

describe('scenarioAxes', () => {
  const broken = runResult([]).scenario.logging[0];
  const fixed = { ...broken, name: 'fixed' };
  const closed = { kind: 'closed', connections: 32 } as const;
  // Cells in another order than the scenario lists them, one name the scenario does not list, and
  // one it lists without any cell (an override, or an interrupted run).
  const run = runResult([
    cellResult({ topology: 'microservices', logging: fixed, load: closed }),
    cellResult({ topology: 'extra' }),
    cellResult({ topology: 'monolith' }),
  ]);
  run.scenario = {
    ...run.scenario,
    topologies: ['monolith', 'microservices', 'unused'],
    logging: [broken, fixed],
    load: [{ kind: 'open', rate: 100, maxInFlight: 512 }, closed],
  };

  it("lists the names that have cells in the scenario's order, then the others as they come", () => {
    expect(scenarioAxes(run)).toEqual({
      topologies: ['monolith', 'microservices', 'extra'],
      loggings: ['broken', 'fixed'],
      loads: ['open-100', 'closed-32'],
    });
  });

  it('ranks a name not on the axis last', () => {
    const { topologies } = scenarioAxes(run);
    expect(['extra', 'other', 'monolith'].sort((a, b) => axisRank(topologies, a) - axisRank(topologies, b))).toEqual([
      'monolith',
      'extra',
      'other',
    ]);
  });

  it('puts the resilience preset on the logging axis only for a scenario that lists presets', () => {
    const counts = (process: string) => ({
      process,
      reachable: true,
      retries: 0,
      breakerOpens: 0,
      breakerRejections: 0,
      bulkheadRejections: 0,
      fallbacks: 0,
    });
    const withPreset = (topology: string, preset: string) =>
      cellResult({ topology, resilience: { preset, processes: [counts(topology)] } });
    const presets = runResult([
      withPreset('monolith', 'naive'),
      withPreset('microservices', 'naive'),
      withPreset('monolith', 'resilient'),
      withPreset('microservices', 'resilient'),
    ]);
    presets.scenario = { ...presets.scenario, resilience: ['naive', 'resilient'] };
    expect(scenarioAxes(presets).loggings).toEqual(['broken/naive', 'broken/resilient']);
    expect(presets.cells.map(cellConfiguration)).toEqual([
      'broken/naive',
      'broken/naive',
      'broken/resilient',
      'broken/resilient',
    ]);
    // Topologies are compared within a preset, never across.
    const { summaries, comparisons } = summarizeRun(presets);
    expect(summaries.map((s) => s.logging)).toEqual([
      'broken/naive',
      'broken/naive',
      'broken/resilient',
      'broken/resilient',
    ]);
    expect(comparisons.map((c) => c.logging)).toEqual(['broken/naive', 'broken/resilient']);
    // Without presets, nothing of the kind.
    expect(cellConfiguration(cellResult())).toBe('broken');
    expect(scenarioAxes(runResult([cellResult()])).loggings).toEqual(['broken']);
  });
});

describe('a configuration in a sentence', () => {
  it('names the logging configuration, and the resilience preset when the cell ran one', () => {
    expect(richTextToMarkdown(configurationPhrase('fixed'))).toBe('**fixed** logging configuration');
    expect(richTextToMarkdown(configurationPhrase('fixed/naive'))).toBe(
      '**fixed** logging configuration with the **naive** resilience preset',
    );
  });
});
