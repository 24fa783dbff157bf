import { z } from 'zod';

// The faults a process can put on one of the modules it hosts (issue 13), as the control endpoint of
// its internal listener takes them (PUT /faults/modules/<module>) and as a scenario names them. They
// live here, beside the process configuration, because three parties read them: the host that injects
// them, the runtime that sends them, and the scenario that schedules them. A crash is not here: no
// process can inject its own SIGKILL; the supervisor does (see the scenario's `crash` kind).

/** Every call of the module's operations waits `ms` (+- up to `jitterMs`, uniform) before it runs. */
export const LatencyModuleFault = z
  .object({
    type: z.literal('latency'),
    ms: z.number().min(0).max(60_000),
    jitterMs: z.number().min(0).max(60_000).default(0),
  })
  .strict()
  .refine((f) => f.jitterMs <= f.ms, { message: 'jitterMs cannot exceed ms (a delay is never negative)' });

/**
 * A share of the module's calls fail as the module being unavailable would: a 503 `dependency_unavailable`
 * naming the module, the error the flow already treats as a failed dependency, in-process or remote.
 */
export const ErrorsModuleFault = z.object({ type: z.literal('errors'), rate: z.number().min(0).max(1) }).strict();

/**
 * A synchronous busy loop of `ms` in the process hosting the module (its event loop answers nothing
 * meanwhile): once when set, or every `everyMs` until lifted. Process-wide by nature.
 */
export const BlockModuleFault = z
  .object({
    type: z.literal('block'),
    ms: z.number().positive().max(60_000),
    everyMs: z.number().positive().max(600_000).optional(),
  })
  .strict()
  .refine((f) => f.everyMs === undefined || f.everyMs > f.ms, {
    message: 'everyMs must exceed ms (the loop must get some time between blocks)',
  });

/** The hosting process's main thread is kept busy `share` of each ~10 ms slice. Process-wide by nature. */
export const CpuHogModuleFault = z.object({ type: z.literal('cpuHog'), share: z.number().gt(0).max(1) }).strict();

export const InProcessModuleFault = z.discriminatedUnion('type', [
  LatencyModuleFault,
  ErrorsModuleFault,
  BlockModuleFault,
  CpuHogModuleFault,
]);
export type InProcessModuleFault = z.output<typeof InProcessModuleFault>;
export type InProcessModuleFaultInput = z.input<typeof InProcessModuleFault>;

/** The kinds a process injects itself, for messages. */
export const IN_PROCESS_FAULT_TYPES = ['latency', 'errors', 'block', 'cpuHog'] as const;

/** The body of `PUT /faults/modules/<module>`: the module's faults from now on (`[]` lifts them), one per kind. */
export const ModuleFaultsBody = z
  .object({ faults: z.array(InProcessModuleFault).max(4) })
  .strict()
  .superRefine((body, ctx) => refineOnePerKind(body.faults, ctx, ['faults']));

/** One fault per kind: two latencies on one module would be one latency said unclearly. */
export function refineOnePerKind(
  faults: readonly { type: string }[],
  ctx: z.RefinementCtx,
  path: (string | number)[],
): void {
  const seen = new Set<string>();
  faults.forEach((f, i) => {
    if (seen.has(f.type))
      ctx.addIssue({ code: 'custom', path: [...path, i], message: `a second ${f.type} fault: one per kind` });
    seen.add(f.type);
  });
}
