export { Duration, formatDuration } from './duration.js';
export { ScenarioError, builtInScenarioNames, loadScenario, parseScenario } from './load-scenario.js';
export { loadLabel, planCells, type Cell } from './plan-cells.js';
export type { FaultEvent, LoadPoint, LoggingConfig, Scenario, SinkConfig } from './scenario-schema.js';
