// The risk module's contract: all that other modules may know of it. Its implementation is a separate
// entry, `@paybench/payments-risk/module` (module-entry.ts), for composition roots only.
export * from './contract.js';
