import { fileURLToPath } from 'node:url';

/**
 * The payment flow's deployments as data, for whoever starts them (the bench, the system tests): its
 * modules, the one that serves the public API (`entryModule`), the apps (composition roots in apps/)
 * with the modules each can host, and the built-in topologies that `--topology <name>` names
 * (monolith, microservices, extract-risk). Platform's topology loader reads and validates it; platform
 * itself knows no module. It lives here because this is the payments library the harness may see.
 * Resolved from this file's location: src/ and dist/ both sit one level below the project root.
 */
export const TOPOLOGIES_FILE = fileURLToPath(new URL('../config/topologies.json', import.meta.url));
