// Composition root of the orders microservice.
import { main } from '@paybench/platform-host';
import { linkedModules } from './linked-modules.js';

main(linkedModules);
