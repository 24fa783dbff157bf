// Lint rules for every project. The module-boundary rule is the architecture, made mechanical:
// payments modules see only other modules' public contracts and platform libs; platform never
// sees payments; libs never see apps; the bench sees only platform and the test population.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

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
];
