// The auth module's implementation (`@paybench/payments-auth/module`), for composition roots only: the apps,
// and tests that compose modules. Other payments modules see auth through its contract, the package root;
// eslint.config.mjs keeps it so.
export { authModule } from './module.js';
