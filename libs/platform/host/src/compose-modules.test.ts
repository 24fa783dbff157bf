import { defineContract, type Contract, type ContractApi } from '@paybench/platform-contract';
import { createLogger } from '@paybench/platform-logging';
import { openDatabase } from '@paybench/platform-storage';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { composeModules, defineModule } from './index.js';

const num = z.object({ n: z.number() });
const leafContract = defineContract({ name: 'leaf', operations: { double: { input: num, output: num } } });
const rootContract = defineContract({ name: 'root', operations: { quadruple: { input: num, output: num } } });

const leaf = defineModule({
  name: 'leaf',
  contract: leafContract,
  dependencies: {},
  create: () => ({ double: async ({ n }) => ({ n: n * 2 }) }),
});
const root = defineModule({
  name: 'root',
  contract: rootContract,
  dependencies: { leaf: leafContract },
  create: ({ deps }) => ({
    quadruple: async ({ n }) => deps.leaf.double(await deps.leaf.double({ n })),
  }),
});

const base = () => ({
  db: openDatabase(':memory:'),
  logger: createLogger({ processName: 't', level: 'silent' }).logger,
  settings: {},
  modules: [leaf, root],
});

describe('composeModules', () => {
  it('wires dependencies in-process when both modules are hosted', async () => {
    const apis = await composeModules({ ...base(), hosted: ['root', 'leaf'] });
    await expect(apis.get('root')?.quadruple({ n: 3 })).resolves.toEqual({ n: 12 });
  });

  it('asks for a remote binding for a dependency hosted elsewhere', async () => {
    const asked: string[] = [];
    const remote = (contract: Contract) => {
      asked.push(contract.name);
      return { double: async ({ n }: { n: number }) => ({ n: n * 10 }) } as unknown as ContractApi<Contract>;
    };
    const apis = await composeModules({ ...base(), hosted: ['root'], remote });
    expect(asked).toEqual(['leaf']);
    expect(apis.has('leaf')).toBe(false);
    await expect(apis.get('root')?.quadruple({ n: 1 })).resolves.toEqual({ n: 100 });
  });

  it('binds an in-process dependency through `local` for its caller, and serves the module itself unwrapped', async () => {
    const bound: string[] = [];
    const local = (contract: Contract, api: ContractApi<Contract>) => {
      bound.push(contract.name);
      const inner = api as unknown as { double: (i: { n: number }) => Promise<{ n: number }> };
      return {
        double: async (i: { n: number }) => ({ n: (await inner.double(i)).n + 1 }),
      } as unknown as ContractApi<Contract>;
    };
    const apis = await composeModules({ ...base(), hosted: ['root', 'leaf'], local });
    expect(bound).toEqual(['leaf']);
    // root calls leaf through the binding ((3*2+1)*2+1); leaf's own API, as routes see it, is not wrapped.
    await expect(apis.get('root')?.quadruple({ n: 3 })).resolves.toEqual({ n: 15 });
    await expect(apis.get('leaf')?.double({ n: 3 })).resolves.toEqual({ n: 6 });
  });

  it('names the module it cannot host', async () => {
    await expect(composeModules({ ...base(), hosted: ['risk'] })).rejects.toThrow(/host module "risk"/);
  });

  it('fails clearly when a dependency is neither hosted nor reachable', async () => {
    await expect(composeModules({ ...base(), hosted: ['root'] })).rejects.toThrow(/depends on "leaf"/);
  });
});

describe('module settings', () => {
  const seen: unknown[] = [];
  const configured = defineModule({
    name: 'leaf',
    contract: leafContract,
    dependencies: {},
    settings: z.object({ size: z.coerce.number().int().positive().default(3), label: z.string().default('x') }),
    create: ({ settings }) => {
      seen.push(settings);
      return { double: async ({ n }) => ({ n: n * settings.size }) };
    },
  });
  const compose = (settings: Record<string, string | number>) =>
    composeModules({ ...base(), modules: [configured], hosted: ['leaf'], settings });

  it('hands a module its own keys, parsed, and leaves the keys of other modules out', async () => {
    seen.length = 0;
    await compose({ size: '5', authSecret: "not leaf's" });
    expect(seen).toEqual([{ size: 5, label: 'x' }]);
  });

  it('names the module and the key of an invalid value', async () => {
    await expect(compose({ size: -1 })).rejects.toThrow(/^leaf: invalid settings: size: /);
  });

  it('gives a module that declares no settings none', async () => {
    const bare = defineModule({
      name: 'leaf',
      contract: leafContract,
      dependencies: {},
      create: ({ settings }) => {
        seen.push(settings);
        return { double: async ({ n }) => ({ n }) };
      },
    });
    seen.length = 0;
    await composeModules({ ...base(), modules: [bare], hosted: ['leaf'], settings: { seed: 1 } });
    expect(seen).toEqual([{}]);
  });
});
