// The log-forwarder as a process: config from the environment, one ready line on stdout,
// a clean exit on SIGTERM. Nothing else is written to stdout: a supervisor parses it.
import { exitWhenSupervisorDies } from '@paybench/platform-topology';
import { forwarderConfigSchema, parseWith, type ForwarderConfig } from './config.js';
import { startForwarder } from './forwarder.js';
import { FORWARDER_CONFIG_ENV, FORWARDER_READY_EVENT, type ForwarderReady } from './process-protocol.js';

function fail(message: string): void {
  process.stderr.write(`log-forwarder: ${message}\n`);
  process.exitCode = 1;
}

function readConfig(): ForwarderConfig | undefined {
  const raw = process.env[FORWARDER_CONFIG_ENV];
  if (raw === undefined || raw.trim() === '') {
    fail(`${FORWARDER_CONFIG_ENV} is not set`);
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    fail(`${FORWARDER_CONFIG_ENV} is not valid JSON: ${(error as Error).message}`);
    return undefined;
  }
  const parsed = parseWith(forwarderConfigSchema, json);
  if (!parsed.ok) {
    fail(`invalid ${FORWARDER_CONFIG_ENV}: ${parsed.message}`);
    return undefined;
  }
  return parsed.value;
}

/** The whole of the log-forwarder app's main: start from the environment, announce the ports. */
export async function runForwarderProcess(): Promise<void> {
  // Like every supervised process, exit when the supervisor is gone (even if it was SIGKILLed).
  exitWhenSupervisorDies();
  const config = readConfig();
  if (!config) return;
  const forwarder = await startForwarder(config).catch((error: unknown) => {
    fail((error as Error).message);
    return undefined;
  });
  if (!forwarder) return;
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    void forwarder.stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  const ready: ForwarderReady = {
    event: FORWARDER_READY_EVENT,
    dataPort: forwarder.dataPort,
    controlPort: forwarder.controlPort,
  };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
}
