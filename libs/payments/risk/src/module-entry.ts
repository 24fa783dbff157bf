// The risk module's implementation (`@paybench/payments-risk/module`), for composition roots only: the apps,
// and tests that compose modules. Other payments modules see risk through its contract, the package root;
// eslint.config.mjs keeps it so.
export { riskModule } from './risk-module.js';
