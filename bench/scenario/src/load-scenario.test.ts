import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInScenarioNames, loadScenario } from './load-scenario.js';
import { LoadPoint } from './scenario-schema.js';

const dir = mkdtempSync(join(tmpdir(), 'paybench-scenario-'));
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('scenarios', () => {
  it('ships architecture, capacity, incident, module-crash, network, quick, retry-storm and slow-dependency, all valid', () => {
    expect(builtInScenarioNames()).toEqual([
      'architecture',
      'capacity',
      'incident',
      'module-crash',
      'network',
      'quick',
      'retry-storm',
      'slow-dependency',
    ]);
    for (const name of builtInScenarioNames()) expect(loadScenario(name).scenario.name).toBe(name);
  });

  it('reads a steps load: start, factor, a step duration, maxSteps (default 12), maxRate', () => {
    expect(loadScenario('capacity').scenario.load).toEqual([
      { kind: 'steps', start: 50, factor: 1.5, step: 5_000, maxSteps: 11, maxInFlight: 512 },
    ]);
    const steps = LoadPoint.parse({ kind: 'steps', start: 10, factor: 2, step: '2s', maxRate: 500 });
    expect(steps).toEqual({
      kind: 'steps',
      start: 10,
      factor: 2,
      step: 2_000,
      maxSteps: 12,
      maxRate: 500,
      maxInFlight: 512,
    });
    expect(() => LoadPoint.parse({ kind: 'steps', start: 10, factor: 1, step: '2s' })).toThrow();
  });

  it('parses durations and fills defaults', () => {
    const { scenario } = loadScenario('incident');
    expect(scenario.duration).toBe(60_000);
    expect(scenario.faults.map((f) => [f.at, f.phase])).toEqual([
      [10_000, 'cardinality'],
      [30_000, 'stall'],
      [50_000, 'recovery'],
    ]);
    expect(scenario.logging[0]?.forwarder.maxEvents).toBe(500);
  });

  it('names the file, the field path and the expectation of every mistake', () => {
    const file = write(
      'bad.yaml',
      [
        'name: bad',
        'description: x',
        'topologies: [monolith]',
        'logging:',
        '  - name: a',
        '    logger: { mode: loud }',
        '    driver: { mode: blocking }',
        '    forwarder: { whenFull: block }',
        'load: [{ kind: open, rate: -1 }]',
        'duration: 10 seconds',
      ].join('\n'),
    );
    const error = (() => {
      try {
        loadScenario(file);
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(error).toContain(file);
    expect(error).toMatch(/logging\.0\.logger\.mode: .*sync.*async/);
    expect(error).toMatch(/load\.0\.rate: /);
    expect(error).toMatch(/duration: expected a duration such as 500ms, 30s or 2m/);
  });

  it('rejects faults out of order or after the end', () => {
    const file = write(
      'faults.json',
      JSON.stringify({
        name: 'f',
        description: 'x',
        topologies: ['monolith'],
        duration: '10s',
        logging: [
          { name: 'a', logger: { mode: 'sync' }, driver: { mode: 'blocking' }, forwarder: { whenFull: 'block' } },
        ],
        load: [{ kind: 'closed', connections: 8 }],
        faults: [
          { at: '5s', phase: 'stall', forwarder: { sink: { mode: 'stall' } } },
          { at: '4s', phase: 'b', forwarder: {} },
          { at: '20s', phase: 'c', forwarder: {} },
        ],
      }),
    );
    expect(() => loadScenario(file)).toThrow(
      /faults\.1\.at: fault times must increase[\s\S]*faults\.2\.at: must be before the end/,
    );
  });

  it('runs syslog-ng only where no fault changes its flow control (fixed when it starts)', () => {
    const scenario = (faults: unknown[]) =>
      write(
        `syslog-${faults.length}.json`,
        JSON.stringify({
          name: 's',
          description: 'x',
          topologies: ['monolith'],
          duration: '10s',
          logging: [
            {
              name: 'sng',
              logger: { mode: 'sync' },
              driver: { mode: 'blocking' },
              forwarder: { kind: 'syslog-ng', whenFull: 'block' },
            },
          ],
          load: [{ kind: 'open', rate: 10 }],
          faults,
        }),
      );
    expect(
      loadScenario(scenario([{ at: '2s', phase: 'stall', forwarder: { sink: { mode: 'stall' } } }])).scenario.logging[0]
        ?.forwarder.kind,
    ).toBe('syslog-ng');
    expect(() => loadScenario(scenario([{ at: '2s', phase: 'p', forwarder: { whenFull: 'drop_newest' } }]))).toThrow(
      /faults\.0\.forwarder\.whenFull: logging "sng" runs syslog-ng, whose flow control is set when it starts/,
    );
  });

  it('says which scenarios exist when the name is unknown', () => {
    expect(() => loadScenario('nope')).toThrow(
      /architecture, capacity, incident, module-crash, network, quick, retry-storm, slow-dependency/,
    );
  });

  it('takes resilience presets by name, and refuses unknown or repeated ones', () => {
    const scenario = (resilience: unknown) =>
      write(
        'presets.json',
        JSON.stringify({
          name: 'p',
          description: 'x',
          topologies: ['monolith'],
          duration: '10s',
          logging: [
            { name: 'a', logger: { mode: 'sync' }, driver: { mode: 'blocking' }, forwarder: { whenFull: 'block' } },
          ],
          load: [{ kind: 'open', rate: 10 }],
          ...(resilience === undefined ? {} : { resilience }),
        }),
      );
    expect(loadScenario(scenario(['naive', 'resilient'])).scenario.resilience).toEqual(['naive', 'resilient']);
    expect(loadScenario(scenario(undefined)).scenario).not.toHaveProperty('resilience');
    expect(() => loadScenario(scenario(['heroic']))).toThrow(
      /resilience\.0: unknown resilience preset "heroic" \(the presets are naive, resilient\)/,
    );
    expect(() => loadScenario(scenario(['naive', 'naive']))).toThrow(/resilience\.1: preset "naive" is listed twice/);
    expect(() => loadScenario(scenario([]))).toThrow(/resilience/);
  });
});
