export * from './contract.js';
export { riskModule } from './risk-module.js';
