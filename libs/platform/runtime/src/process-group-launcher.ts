// The first process of a wrapped process's group (see ProcessWrapper in supervised-process.ts):
//
//   node process-group-launcher.js <stop-signal> -- <command> [args...]
//
// A wrapper such as a profiler starts the app as *its* child, with stdio of its own choosing
// (clinic doctor passes fds 0-2, 0x uses fd 3 for the app's stdout and fd 5 to stop it), and Node
// marks inherited low fds close-on-exec, so the supervisor's lifeline pipe cannot be relied on to
// reach the app. This launcher holds the lifeline instead: the supervisor starts it as the leader
// of a new process group, it runs the command in that group, and when the lifeline closes (the
// supervisor died, even by SIGKILL) it kills the whole group, wrapper and app, with SIGKILL. The
// lifeline variable is removed from the command's environment so that the app does not open an
// fd that is not its lifeline.
//
// The supervisor stops the group with the wrapper's stop signal sent to the whole group, as a
// terminal's Ctrl-C would be; this launcher ignores that signal and exits with the command's
// status once the command has finished (a profiler writes its output after the app exits).
// Dependency-free on purpose: it runs from dist/ and, under the unit tests, from src/ with Node's
// type stripping.
import { spawn } from 'node:child_process';
import { Socket } from 'node:net';
import { constants } from 'node:os';

const LIFELINE_FD_ENV = 'PAYBENCH_LIFELINE_FD';

function fail(message: string): never {
  process.stderr.write(`process-group-launcher: ${message}\n`);
  process.exit(64);
}

const [stopSignal, separator, command, ...args] = process.argv.slice(2);
if (!stopSignal || !(stopSignal in constants.signals) || separator !== '--' || !command) {
  fail('usage: process-group-launcher <stop-signal> -- <command> [args...]');
}

function killGroup(): void {
  try {
    process.kill(-process.pid, 'SIGKILL');
  } catch {
    process.exit(70);
  }
}

const lifelineFd = Number(process.env[LIFELINE_FD_ENV]);
if (Number.isInteger(lifelineFd) && lifelineFd >= 3) {
  const lifeline = new Socket({ fd: lifelineFd, readable: true, writable: false });
  lifeline.on('data', () => undefined);
  lifeline.on('error', killGroup);
  lifeline.on('close', killGroup);
  lifeline.unref();
}

const env = { ...process.env };
delete env[LIFELINE_FD_ENV];
const child = spawn(command, args, { stdio: 'inherit', env });
// The stop signal reaches every process of the group; the command decides what it means.
process.on(stopSignal as NodeJS.Signals, () => undefined);
if (stopSignal !== 'SIGTERM') {
  // A plain SIGTERM to the launcher alone (not the group) is passed on as the stop signal.
  process.on('SIGTERM', () => child.kill(stopSignal as NodeJS.Signals));
}
child.on('error', (error) => fail(`cannot start ${command}: ${error.message}`));
child.on('exit', (code, signal) => {
  process.exit(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
});
