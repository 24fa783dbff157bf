import { resolve } from 'node:path';
import { planCells, type Scenario } from '@paybench/bench-scenario';
import { TOPOLOGIES_FILE } from '@paybench/payments-dataset';
import { loadTopology, loadTopologyCatalog } from '@paybench/platform-topology';
import { EXIT } from '../exit-codes.js';
import { choosePinning, type Pinning } from '../run/environment.js';
import { checkReachable, readTarget, type ExternalTarget } from '../run/external-target.js';
import { runScenario } from '../run/run-scenario.js';
import { targetRefusal } from '../run/target-refusals.js';
import type { RunCommandOptions } from './run.js';
import { abortOnInterrupt, finishRun } from './scenario-run.js';

/**
 * `run --target`: the scenario's cells on a deployment the runner did not start. A bad targets file is a usage
 * error (exit 2, naming the file and the field); an unreachable URL, or a scenario of which no cell can run there,
 * exit 1. Refused cells are said one per line and stored in the result; they do not count against the exit code.
 */
export async function runOnTarget(
  file: string,
  scenario: Scenario,
  scenarioFile: string,
  options: RunCommandOptions,
  /** `--workers`: remote generator workers send the open loops (see run/workers/). */
  remoteWorkers?: { addresses: readonly string[]; token: string },
): Promise<number> {
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const unsupported = [options.cpuProfile && '--cpu-profile', options.crossCheck && '--cross-check'].filter(Boolean);
  if (unsupported.length > 0) {
    say(`--target: ${unsupported.join(' and ')} need(s) processes the runner starts; not with --target`);
    return EXIT.usage;
  }
  let target: ExternalTarget;
  try {
    target = readTarget(resolve(file));
  } catch (error) {
    say((error as Error).message);
    return EXIT.usage;
  }
  const population = target.targets.population;
  if (population && (population.seed !== scenario.seed || population.consumers !== scenario.population)) {
    say(
      `--target: seed ${population.seed} and ${population.consumers} consumers, the target's ` +
        `(the scenario's: seed ${scenario.seed}, ${scenario.population}): tokens are signed for its consumers`,
    );
    scenario = { ...scenario, seed: population.seed, population: population.consumers };
  }
  const refused = refusedCells(scenario, options.topology, target);
  const runnable = planCells(scenario, options.topology ? { topologies: options.topology } : {}).filter(
    (cell) => !refused.has(cell.key),
  );
  for (const [key, reason] of refused) say(`refused cell ${key}: ${reason}`);
  if (runnable.length === 0) {
    say(`no cell of scenario ${scenario.name} can run on target ${target.file} (${target.targets.description})`);
    return EXIT.failed;
  }
  try {
    await checkReachable(target);
  } catch (error) {
    say((error as Error).message);
    return EXIT.failed;
  }
  const signal = abortOnInterrupt();
  const pinning = targetPinning(choosePinning(options.pin));
  say(`paybench run ${scenario.name} on target ${target.file} (${target.targets.description}); ${pinning.note}`);
  const { result, dir } = await runScenario({
    scenario,
    scenarioFile,
    ...(options.topology ? { topologies: options.topology } : {}),
    resultsRoot: resolve(options.out),
    pinning,
    authSecret: target.authSecret,
    signal,
    skipFloor: "not measured: an external target (the floor measured here would be the runner's machine's)",
    external: { target, refused },
    // Distributed load against a deployment started elsewhere: the two halves of "beyond one machine".
    ...(remoteWorkers ? { remoteWorkers } : {}),
  });
  return finishRun(result, dir) ? EXIT.ok : EXIT.failed;
}

/**
 * Only the load generator is the runner's to pin: the target's processes run wherever their owner put them, and the
 * runner itself (no supervisor, no log drivers here) is left unpinned.
 */
function targetPinning(pinning: Pinning): Pinning {
  if (pinning.load === null)
    return { sut: null, load: null, note: `${pinning.note}; the target's processes are not the runner's to pin` };
  return {
    sut: null,
    load: pinning.load,
    note: `load generator on CPU ${pinning.load}; the target's processes are not the runner's to pin`,
  };
}

/** Each cell key the target cannot run, with the reason (repeats share a key and a reason). */
function refusedCells(
  scenario: Scenario,
  topologies: readonly string[] | undefined,
  target: ExternalTarget,
): Map<string, string> {
  const catalog = loadTopologyCatalog(TOPOLOGIES_FILE);
  const refused = new Map<string, string>();
  for (const cell of planCells(scenario, topologies ? { topologies } : {})) {
    let name = cell.topology;
    try {
      name = loadTopology(cell.topology, catalog).name;
    } catch {
      // A topology that does not load is compared by what the scenario calls it.
    }
    const reason = targetRefusal(cell, name, scenario, target.targets);
    if (reason) refused.set(cell.key, reason);
  }
  return refused;
}
