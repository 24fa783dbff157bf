/** What a supervisor and the forwarder process agree on: how config goes in, how readiness comes out. */

/** Environment variable holding the JSON `ForwarderConfig`. */
export const FORWARDER_CONFIG_ENV = 'PAYBENCH_FORWARDER_CONFIG';

export const FORWARDER_READY_EVENT = 'forwarder_ready';

/** The one JSON line printed on stdout once both ports listen. */
export interface ForwarderReady {
  event: typeof FORWARDER_READY_EVENT;
  dataPort: number;
  controlPort: number;
}
