import type { CellRecorder } from './cell-recorder.js';
import type { ExternalTarget } from './external-target.js';

/**
 * What an external cell measures differently (its "how measured"): nothing there is the runner's child, so what
 * needs the supervisor comes from the processes themselves or is not measured, and each cell says so.
 */
export function externalNotes(target: ExternalTarget): string[] {
  const { targets } = target;
  return [
    `external target: ${targets.description} (${target.file}); the runner started and stopped none of its processes`,
    "CPU and RSS from each process's own GET /stats/sample (process.cpuUsage, memoryUsage.rss), not /proc: the " +
      'runner is not their parent; one reading per process per second, its measured cost subtracted as locally',
    "no log accounting and no log-driver figures: the drivers are not the runner's to read" +
      (targets.forwarder ? "; the forwarder's buffer and counters from its control API" : '; no forwarder figures'),
    "payments not reconciled: the target's orders database is not the runner's to read",
    ...(targets.logging ? [] : ["the target does not state its logging configuration: the cell's is assumed"]),
    ...targets.notes.map((note) => `target: ${note}`),
  ];
}

export function noteExternal(target: ExternalTarget, recorder: CellRecorder): void {
  for (const note of externalNotes(target)) recorder.note(note);
}
