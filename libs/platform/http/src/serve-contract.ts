import type { Contract, ContractApi } from '@paybench/platform-contract';
import type { Express, Request, Response } from 'express';

type Handler = (input: unknown) => Promise<unknown>;

function operationOf(api: ContractApi<Contract>, name: string): Handler {
  return (api as unknown as Record<string, Handler>)[name] as Handler;
}

/** Path of an operation on the internal (RPC) listener. */
export function rpcPath(contract: string, operation: string): string {
  return `/rpc/${contract}/${operation}`;
}

let rpcServed = 0;

/**
 * Calls this process has served on its internal RPC routes since it started: how many module calls crossed a
 * process boundary into it (the harness reads it to count internal calls per request, see /stats/sample).
 */
export function rpcServedCount(): number {
  return rpcServed;
}

/**
 * Serves a contract's operations on the internal listener: `POST /rpc/<contract>/<operation>`
 * with the input as JSON. `api` is the bound implementation, which validates its input against
 * the contract: the same check an in-process caller gets, done once.
 */
export function serveContractRpc(app: Express, contract: Contract, api: ContractApi<Contract>): void {
  for (const name of Object.keys(contract.operations)) {
    const handler = operationOf(api, name);
    app.post(rpcPath(contract.name, name), async (req: Request, res: Response) => {
      rpcServed++;
      res.status(200).json(await handler(req.body));
    });
  }
}

/**
 * Mounts a contract's public routes (e.g. `POST /v1/checkout`) on the public listener. `api` may
 * be in-process or remote; either way the callee validates the input.
 */
export function servePublicRoutes(app: Express, contract: Contract, api: ContractApi<Contract>): void {
  for (const route of contract.publicRoutes) {
    const handler = operationOf(api, route.operation);
    app[route.method](route.path, async (req: Request, res: Response) => {
      const params = req.params as Record<string, string>;
      res.status(route.successStatus).json(await handler(route.toInput({ params, body: req.body })));
    });
  }
}
