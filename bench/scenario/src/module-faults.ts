import { z } from 'zod';
import { InProcessModuleFault, refineOnePerKind } from '@paybench/platform-topology';
import { catalogModules } from './catalog-modules.js';
import { Duration } from './duration.js';

/**
 * SIGKILL of the process hosting the module (whatever else it hosts goes down with it: in the monolith,
 * everything). With `restartAfter` the supervisor starts it again that long after the kill, on the same
 * ports; without, it stays down for the rest of the cell. A deliberate kill is not an unexpected exit.
 */
export const CrashModuleFault = z.object({ type: z.literal('crash'), restartAfter: Duration.optional() }).strict();

/** A fault on a module: one the hosting process injects itself (see @paybench/platform-topology), or a crash. */
export const ModuleFault = z.discriminatedUnion('type', [...InProcessModuleFault.options, CrashModuleFault]);
export type ModuleFault = z.infer<typeof ModuleFault>;

/**
 * The faults of one module from this event on, named by module so one scenario fits every topology: the
 * process hosting it injects them into that module's calls, whoever calls (in the monolith, the same code
 * path misbehaving inside the one process). They replace the module's current ones; `[]` lifts them. A
 * crash stands alone (a killed process injects nothing).
 */
export const ModuleFaultChange = z
  .object({
    module: z.string().min(1),
    faults: z.array(ModuleFault),
  })
  .strict()
  .superRefine((change, ctx) => {
    const modules = catalogModules();
    if (!modules.includes(change.module))
      ctx.addIssue({
        code: 'custom',
        path: ['module'],
        message: `unknown module "${change.module}": the modules are ${modules.join(', ')}`,
      });
    refineOnePerKind(change.faults, ctx, ['faults']);
    if (change.faults.length > 1 && change.faults.some((f) => f.type === 'crash'))
      ctx.addIssue({
        code: 'custom',
        path: ['faults'],
        message: 'a crash stands alone: a killed process injects nothing',
      });
  });
export type ModuleFaultChange = z.infer<typeof ModuleFaultChange>;
