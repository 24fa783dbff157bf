// Composition root of the risk microservice.
import { main } from '@paybench/platform-host';
import { linkedModules } from './linked-modules.js';

main(linkedModules);
