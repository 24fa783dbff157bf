// Composition root of the checkout microservice.
import { main } from '@paybench/platform-host';
import { linkedModules } from './linked-modules.js';

main(linkedModules);
