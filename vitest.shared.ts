// Shared vitest settings for every project. Tests resolve workspace packages to their
// TypeScript sources through the "@paybench/source" export condition, so unit tests never
// depend on a prior build; only the system tests (e2e) run the built apps as real processes.
import { defaultServerConditions } from 'vite';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

// Only modules vite itself loads (the workspace's own sources) see these conditions; packages
// in node_modules are loaded by Node with its usual conditions.
const conditions = ['@paybench/source', ...defaultServerConditions];

export function defineProjectConfig(dir: string, options: { e2e?: boolean } = {}): ViteUserConfig {
  return defineConfig({
    root: dir,
    resolve: { conditions },
    ssr: { resolve: { conditions } },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      environment: 'node',
      passWithNoTests: false,
      // System tests start real processes on real ports: run files one at a time and give
      // them room on a slow 2-core machine. Unit tests share their modules between the files of
      // a worker (isolate: false): evaluating zod schemas and express again for every file was
      // most of their CPU (bench/analysis: 25 s of CPU, 8 s without; the unit suite 142 s, 108 s),
      // and no unit test mocks a module or leaves state behind that another file reads.
      // The system tests keep isolation: their files hook process exit and hold process state.
      ...(options.e2e
        ? { fileParallelism: false, testTimeout: 120_000, hookTimeout: 120_000 }
        : { testTimeout: 30_000, isolate: false }),
    },
  });
}
