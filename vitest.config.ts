import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import { leakguardHandles } from './packages/handles/src/vitest/config.js';

const root = fileURLToPath(new URL('.', import.meta.url));

const base = defineConfig({
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

// Our own suites run with the handle check on: a test file that leaves a timer, socket, server,
// file handle, child process, worker, pool, lease or queue open fails, naming where it was opened.
// Accepted: ioredis arms a ref'd timer of up to 2 s when it disconnects (its disconnectTimeout),
// which BullMQ's close leaves running; it ends on its own.
export default mergeConfig(base, leakguardHandles({ mode: 'fail', ignore: ['ioredis/built/connectors/AbstractConnector.js'] }));
