// The funding module's implementation (`@paybench/payments-funding/module`), for composition roots only: the
// apps, and tests that compose modules. Other payments modules see funding through its contract, the package
// root; eslint.config.mjs keeps it so.
export { fundingModule } from './module.js';
