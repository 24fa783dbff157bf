// The orders module's implementation (`@paybench/payments-orders/module`), for composition roots only: the
// apps, and tests that compose modules. Other payments modules see orders through its contract, the package
// root; eslint.config.mjs keeps it so.
export { ordersModule } from './orders-module.js';
