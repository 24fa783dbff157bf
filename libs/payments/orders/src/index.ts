export * from './contract.js';
export { ordersModule } from './orders-module.js';
