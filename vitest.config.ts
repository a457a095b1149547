import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against each package's TypeScript source, not its build output.
    alias: [
      { find: /^@leakguard\/([a-z-]+)$/, replacement: `${root}packages/$1/src/index.ts` },
      { find: /^@leakguard\/([a-z-]+)\/([a-z-]+)$/, replacement: `${root}packages/$1/src/$2.ts` },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'eslint-plugin/test/**/*.test.ts', 'dashboards/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Two cores: keep the worker count modest so timing-sensitive lifecycle tests stay stable.
    maxWorkers: 2,
  },
});
