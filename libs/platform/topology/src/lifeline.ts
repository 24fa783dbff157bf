import { Socket } from 'node:net';
import { LIFELINE_FD_ENV } from './process-config.js';

/**
 * Called in a supervised child: exits as soon as the supervisor's end of the lifeline pipe
 * closes, which the kernel does when the supervisor dies, even by SIGKILL. So no child ever
 * outlives its supervisor.
 */
export function exitWhenSupervisorDies(env: NodeJS.ProcessEnv = process.env): void {
  const fd = Number(env[LIFELINE_FD_ENV]);
  if (!Number.isInteger(fd) || fd < 3) return;
  const lifeline = new Socket({ fd, readable: true, writable: false });
  lifeline.on('data', () => undefined);
  lifeline.on('error', () => process.exit(70));
  lifeline.on('close', () => process.exit(70));
  lifeline.unref();
}
