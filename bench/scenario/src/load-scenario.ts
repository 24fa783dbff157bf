import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { ScenarioSchema, type Scenario } from './scenario-schema.js';

/** Built-in scenarios ship as YAML files in this package (bench/scenario/built-in/), usable as examples. */
export const BUILT_IN_SCENARIO_DIR = fileURLToPath(new URL('../built-in/', import.meta.url));

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
}

export function builtInScenarioNames(): string[] {
  return readdirSync(BUILT_IN_SCENARIO_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/** Loads a built-in scenario by name, or a YAML/JSON file, validating every field. */
export function loadScenario(nameOrFile: string): { scenario: Scenario; file: string } {
  const builtIn = resolve(BUILT_IN_SCENARIO_DIR, `${nameOrFile}.yaml`);
  const file = /^[a-z][a-z0-9-_]*$/.test(nameOrFile) && existsSync(builtIn) ? builtIn : resolve(nameOrFile);
  if (!existsSync(file)) {
    throw new ScenarioError(
      `no scenario "${nameOrFile}": not a built-in (${builtInScenarioNames().join(', ')}) and no such file ${file}`,
    );
  }
  let raw: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ScenarioError(`cannot parse scenario file ${file}: ${(error as Error).message}`);
  }
  return { scenario: parseScenario(raw, file), file };
}

export function parseScenario(raw: unknown, file: string): Scenario {
  const parsed = ScenarioSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new ScenarioError(`invalid scenario file ${file}:\n${issues.join('\n')}`);
  }
  return parsed.data;
}
