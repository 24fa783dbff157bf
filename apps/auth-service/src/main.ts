// Composition root of the auth microservice.
import { main } from '@paybench/platform-host';
import { linkedModules } from './linked-modules.js';

main(linkedModules);
