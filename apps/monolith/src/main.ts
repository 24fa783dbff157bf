// Composition root of the modular monolith.
import { main } from '@paybench/platform-host';
import { linkedModules } from './linked-modules.js';

main(linkedModules);
