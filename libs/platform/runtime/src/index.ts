export { startTopology, type StartOptions, type RunningTopology } from './supervisor.js';
export { SupervisedProcess, type ExitInfo } from './supervised-process.js';
export { locateApp } from './locate-app.js';
export { waitForHttp } from './wait-for-http.js';
