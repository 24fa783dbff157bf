// Which Node runs paybench, checked by main.ts before anything else is loaded: its dependencies
// need Node 24 and some fail just being imported on older ones (undici 8 throws a TypeError on
// Node 20), which would greet a user with a stack trace instead of the reason.
// No dependencies, and syntax any Node still in use can parse.

/** The Node major version paybench is built and tested on (package.json engines: ">=24 <25"). */
export const NODE_MAJOR = 24;

export type NodeVersionCheck = { verdict: 'ok' } | { verdict: 'warn' | 'refuse'; message: string };

/** Refuses a Node older than NODE_MAJOR; a newer one runs, with a warning (it may well work). One line each. */
export function checkNodeVersion(version: string): NodeVersionCheck {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  const how = 'run it with `npm run paybench -- <command>` (npm ci installs Node 24 into node_modules/.bin)';
  if (!Number.isInteger(major))
    return {
      verdict: 'warn',
      message: `paybench: warning: cannot tell which Node this is (${version}); paybench needs Node ${NODE_MAJOR}`,
    };
  if (major < NODE_MAJOR)
    return { verdict: 'refuse', message: `paybench needs Node ${NODE_MAJOR}, this is Node ${version}: ${how}` };
  if (major > NODE_MAJOR)
    return {
      verdict: 'warn',
      message: `paybench: warning: tested on Node ${NODE_MAJOR} only, this is Node ${version}; if it misbehaves, ${how}`,
    };
  return { verdict: 'ok' };
}
