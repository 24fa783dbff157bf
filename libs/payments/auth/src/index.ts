export { authContract, authErrors, AuthenticateInput, Principal } from './contract.js';
export { authModule } from './module.js';
