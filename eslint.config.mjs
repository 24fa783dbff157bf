// Lint rules for every project. The module-boundary rule is the architecture, made mechanical:
// payments modules see only other modules' public contracts and platform libs; platform never
// sees payments; libs never see apps; the bench sees only platform and the test population.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

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
            { sourceTag: 'type:bench', onlyDependOnLibsWithTags: ['type:platform', 'type:payments-data'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:platform', 'type:payments-data'] },
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
  // bench/src in layers, each importing only from those below it (issue 12): inputs (scenario, load, the
  // profiler) -> results (the stored model) -> summary (the figures) -> tracking and report (figures over runs,
  // outputs) -> run and calibrate (the processes) -> commands. Type imports count: the stored model's types may
  // not come from above it.
  {
    basePath: import.meta.dirname,
    files: ['bench/src/**/*.ts'],
    plugins: { 'import-x': importX },
    rules: { 'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: benchLayerZones() }] },
  },
];

/** One zone per bench/src folder: it may not import from the folders of any layer above its own. */
function benchLayerZones() {
  const layers = [
    ['scenario', 'load', 'profile'],
    ['results'],
    ['summary'],
    ['tracking', 'report'],
    ['run', 'calibrate'],
    ['commands'],
  ];
  return layers.slice(0, -1).flatMap((layer, i) =>
    layer.map((folder) => ({
      target: `bench/src/${folder}`,
      from: layers
        .slice(i + 1)
        .flat()
        .map((above) => `bench/src/${above}`),
      message: `bench/src/${folder} may import only from its own layer and those below (see eslint.config.mjs).`,
    })),
  );
}
