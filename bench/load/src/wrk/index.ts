export { KEY_PLACEHOLDER, luaString, wrkScript, type WrkScriptOptions } from './wrk-script.js';
export { WRK_PACKAGE, parseWrkOutput, runWrk, wrkVersion, type WrkFigures, type WrkRunOptions } from './run-wrk.js';
