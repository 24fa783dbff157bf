import { describeZodError } from '@paybench/platform-contract';
import { controlGuard, errorBody } from '@paybench/platform-http';
import { ModuleFaultsBody } from '@paybench/platform-topology';
import type { Express, Response } from 'express';
import type { ModuleFaultInjector } from './module-fault-injector.js';

/** Where the runner sets one module's faults on the process hosting it. */
export const moduleFaultsPath = (module: string): string => `/faults/modules/${encodeURIComponent(module)}`;

/**
 * `PUT /faults/modules/<module>` with `{ "faults": [...] }` replaces a hosted module's faults (`[]` lifts
 * them) and answers what is now set; `GET` reads them. Mounted on the internal listener only, behind the
 * deployment's secret, never on the public API; like every control endpoint it refuses other Host names,
 * foreign origins and bodies that are not JSON (see controlGuard). A module this process does not host is a
 * 404 naming the ones it does; a body that is not a list of faults a 400 naming the field.
 */
export function mountModuleFaults(
  app: Express,
  options: { process: string; hosted: readonly string[]; injector: ModuleFaultInjector },
): void {
  const guard = controlGuard({ bodyLimit: '4kb' });
  const hostedOr404 = (module: string, res: Response): boolean => {
    if (options.hosted.includes(module)) return true;
    const message = `process ${options.process} does not host module "${module}" (it hosts ${options.hosted.join(', ')})`;
    res.status(404).json(errorBody('module_not_hosted', message, { module, hosted: options.hosted }));
    return false;
  };
  app.get('/faults/modules/:module', ...guard, (req, res) => {
    const module = String(req.params['module']);
    if (!hostedOr404(module, res)) return;
    res.json({ process: options.process, module, faults: options.injector.current(module) });
  });
  app.put('/faults/modules/:module', ...guard, (req, res) => {
    const module = String(req.params['module']);
    if (!hostedOr404(module, res)) return;
    const parsed = ModuleFaultsBody.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json(errorBody('invalid_request', describeZodError(parsed.error)));
      return;
    }
    options.injector.set(module, parsed.data.faults);
    res.json({ process: options.process, module, faults: options.injector.current(module) });
  });
}
