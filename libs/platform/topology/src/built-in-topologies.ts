import type { TopologySpec } from './topology-schema.js';

/** The payment flow's modules, in dependency order (checkout calls the other four). */
export const PAYMENT_MODULES = ['auth', 'funding', 'orders', 'risk', 'checkout'] as const;

const single = (module: string) => ({ name: module, modules: [module] });

export const BUILT_IN_TOPOLOGIES: Readonly<Record<string, TopologySpec>> = {
  monolith: {
    name: 'monolith',
    description: 'one process hosts every module, one database; calls between modules are function calls',
    processes: [{ name: 'monolith', modules: [...PAYMENT_MODULES] }],
  },
  microservices: {
    name: 'microservices',
    description: 'one process and one database per module; calls between modules are HTTP over keep-alive pools',
    processes: PAYMENT_MODULES.map(single),
    entry: 'checkout',
  },
  'extract-risk': {
    name: 'extract-risk',
    description: 'a hybrid: everything in one process except risk, which runs on its own',
    processes: [
      { name: 'core', modules: ['auth', 'funding', 'orders', 'checkout'] },
      { name: 'risk', modules: ['risk'] },
    ],
    entry: 'core',
  },
};
