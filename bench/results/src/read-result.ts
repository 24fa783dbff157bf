import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RESULT_SCHEMA, RESULT_SCHEMA_VERSION, type RunResult } from './result-schema.js';

/** Reads a run's result.json (given the run directory or the file), refusing other formats. */
export function readRunResult(path: string): { result: RunResult; dir: string } {
  const absolute = resolve(path);
  if (!existsSync(absolute)) throw new Error(`no such run directory or file: ${absolute}`);
  const isDir = statSync(absolute).isDirectory();
  const file = isDir ? join(absolute, 'result.json') : absolute;
  if (!existsSync(file)) throw new Error(`${absolute} has no result.json: is it a paybench run directory?`);
  let parsed: Partial<RunResult>;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<RunResult>;
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  if (parsed.schema !== RESULT_SCHEMA) throw new Error(`${file} is not a paybench run result (schema ${String(parsed.schema)})`);
  if (parsed.version !== RESULT_SCHEMA_VERSION) {
    throw new Error(`${file} has result schema version ${String(parsed.version)}; this paybench reads version ${RESULT_SCHEMA_VERSION}`);
  }
  return { result: parsed as RunResult, dir: isDir ? absolute : join(file, '..') };
}
