// The auth module's contract: all that other modules may know of it. Its implementation is a separate
// entry, `@paybench/payments-auth/module` (module-entry.ts), for composition roots only.
export { authContract, authErrors, AuthenticateInput, Principal } from './contract.js';
