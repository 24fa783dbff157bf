import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The process-group launcher's built file (see process-group-launcher.ts); under the unit tests, its source (Node
 * strips the types). Anything the supervisor starts that cannot hold the lifeline itself runs under it.
 */
export function groupLauncher(): string {
  const built = fileURLToPath(new URL('./process-group-launcher.js', import.meta.url));
  return existsSync(built) ? built : fileURLToPath(new URL('./process-group-launcher.ts', import.meta.url));
}
