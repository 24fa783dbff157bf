// Lint rules for every project. The module-boundary rule is the architecture, made mechanical:
// payments modules see only other modules' public contracts and platform libs; platform never
// sees payments; libs never see apps; the bench sees only platform and the test population.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** What every bench layer may use: platform libraries and the test population, never payments internals. */
const BENCH_BASE = ['type:platform', 'type:payments-data'];
const BENCH_LAYERS = ['input', 'results', 'analysis', 'outputs', 'cli'];
/** The tags of the bench layers below `layer`. */
function benchBelow(layer) {
  return BENCH_LAYERS.slice(0, BENCH_LAYERS.indexOf(layer)).map((l) => `layer:bench-${l}`);
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/out-tsc', '**/node_modules', '**/vitest.config.ts', 'vitest.shared.ts'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform'] },
            { sourceTag: 'type:payments', onlyDependOnLibsWithTags: ['type:payments', 'type:platform'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:payments', 'type:platform'] },
            // The bench in layers, each importing only from those below it (issue 12): inputs (scenario, load,
            // profile) -> results (the stored model) -> analysis (figures: computation only) -> outputs (text,
            // markdown, HTML, benchmark JSON: rendering only) -> cli (the runner and the commands).
            { sourceTag: 'layer:bench-input', onlyDependOnLibsWithTags: [...BENCH_BASE, 'layer:bench-input'] },
            { sourceTag: 'layer:bench-results', onlyDependOnLibsWithTags: [...BENCH_BASE, ...benchBelow('results')] },
            { sourceTag: 'layer:bench-analysis', onlyDependOnLibsWithTags: [...BENCH_BASE, ...benchBelow('analysis')] },
            { sourceTag: 'layer:bench-outputs', onlyDependOnLibsWithTags: [...BENCH_BASE, ...benchBelow('outputs')] },
            // Deploy (issue 15) sits beside results..outputs: it reads the inputs (topologies, logging configurations)
            // and renders a deployment of the system; only the command line uses it.
            { sourceTag: 'layer:bench-deploy', onlyDependOnLibsWithTags: [...BENCH_BASE, 'layer:bench-input'] },
            {
              sourceTag: 'layer:bench-cli',
              onlyDependOnLibsWithTags: [...BENCH_BASE, ...benchBelow('cli'), 'layer:bench-deploy'],
            },
            // System tests read result.json through its types (bench-results), not by restating them.
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: ['type:platform', 'type:payments-data', 'layer:bench-results'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // A payments module's package root is its contract; its implementation (the module definition) is the
  // `/module` entry. Tags cannot tell the two apart (both are the same project), so this rule does: only
  // composition roots link implementations, i.e. the apps, and tests, which compose modules to exercise them
  // (test files are left out of this block on purpose).
  // Lint runs in each project's folder with that folder's config (which re-exports this one), so the paths are
  // anchored here, at the workspace root.
  {
    basePath: import.meta.dirname,
    files: ['libs/payments/**/*.ts'],
    ignores: ['**/*.test.ts', '**/test/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@paybench/payments-*/module'],
              message:
                "a payments module may use another module's contract only; " +
                'the implementation is for composition roots (apps)',
            },
          ],
        },
      ],
    },
  },
  // No import cycles inside a project (cycles between projects are the module-boundary rule's). The TypeScript
  // resolver maps `./x.js` to the `./x.ts` source and workspace packages to their sources, as tsc does.
  // import-x skips `import type` edges when it looks for cycles, hence the folder layers below as well.
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: `${import.meta.dirname}/tsconfig.json`,
          conditionNames: ['@paybench/source', 'types', 'import', 'node', 'default'],
        }),
      ],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  // Inside the command line app, the commands sit above the runner and calibrate: neither reaches up into commands/.
  {
    basePath: import.meta.dirname,
    files: ['bench/cli/src/**/*.ts'],
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: import.meta.dirname,
          zones: [
            {
              target: 'bench/cli/src/run',
              from: 'bench/cli/src/commands',
              message: 'bench/cli/src/run is below the commands: pass what it needs in as data.',
            },
            {
              target: 'bench/cli/src/calibrate',
              from: 'bench/cli/src/commands',
              message: 'bench/cli/src/calibrate is below the commands: pass what it needs in as data.',
            },
          ],
        },
      ],
    },
  },
  // Test fixtures (`@paybench/bench-results/testing`) are for tests only.
  {
    files: ['bench/**/*.ts'],
    ignores: ['**/*.test.ts', 'bench/results/src/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@paybench/bench-results/testing'], message: 'test fixtures are for tests only' }] },
      ],
    },
  },
];
