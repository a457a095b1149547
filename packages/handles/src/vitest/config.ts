import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** How the Vitest setup file judges handles left open. */
export interface LeakguardHandlesOptions {
  /** `'fail'` throws from afterAll/afterEach so Vitest fails the file or test; `'warn'` logs; `'off'` does nothing. Default `'fail'`. */
  readonly mode?: 'fail' | 'warn' | 'off';
  /** Also judge each test on its own (afterEach), not only each file (afterAll). Default false. */
  readonly perTest?: boolean;
  /** Leaks to accept: a handle kind (`'interval'`), or text found in its creation site or stack (`'src/metrics.ts'`). Default none. */
  readonly ignore?: readonly string[];
  /** Print each leaked handle's full creation stack under its line (also `LEAKGUARD_HANDLES_STACKS=1`). Default false. */
  readonly stacks?: boolean;
  /** At most this many milliseconds (after two event-loop turns) for closes still in flight to finish before open handles are judged; a file with nothing open does not wait. Default 100. */
  readonly graceMs?: number;
}

/** The setup file, beside this module in both src (.ts) and dist (.js). */
const setupFile = fileURLToPath(new URL(`./setup${extname(fileURLToPath(import.meta.url))}`, import.meta.url));

/**
 * A partial Vitest config that adds the handle-leak check; merge it into yours:
 * `export default mergeConfig(defineConfig({ ... }), leakguardHandles({ mode: 'fail' }))`.
 * It adds the setup file and passes the options through `test.provide.leakguardHandles`.
 */
export function leakguardHandles(options: LeakguardHandlesOptions = {}): {
  test: { setupFiles: string[]; provide: { leakguardHandles: LeakguardHandlesOptions } };
} {
  return { test: { setupFiles: [setupFile], provide: { leakguardHandles: { ...options, ignore: [...(options.ignore ?? [])] } } } };
}
