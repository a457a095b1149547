import { InvalidOptionError, assertInteger } from '@leakguard/core';
import type { LeakguardHandlesOptions } from './config.js';

export interface ResolvedHandlesOptions {
  readonly mode: 'fail' | 'warn' | 'off';
  readonly perTest: boolean;
  readonly ignore: readonly string[];
  readonly graceMs: number;
}

const MODES = ['fail', 'warn', 'off'] as const;

/**
 * Merges the provided options with the environment, which wins so a run can be switched without
 * editing the config: `LEAKGUARD_HANDLES_MODE=fail|warn|off`, `LEAKGUARD_HANDLES_PER_TEST=1`,
 * `LEAKGUARD_HANDLES_IGNORE=a,b` (added to the provided list).
 */
export function resolveHandlesOptions(provided: LeakguardHandlesOptions | undefined, env: NodeJS.ProcessEnv): ResolvedHandlesOptions {
  const mode = env.LEAKGUARD_HANDLES_MODE ?? provided?.mode ?? 'fail';
  if (!(MODES as readonly string[]).includes(mode)) {
    throw new InvalidOptionError(`leakguardHandles: mode must be one of ${MODES.join(', ')}, got ${JSON.stringify(mode)} (check LEAKGUARD_HANDLES_MODE and test.provide.leakguardHandles).`);
  }
  const perTestEnv = env.LEAKGUARD_HANDLES_PER_TEST;
  const perTest = perTestEnv === undefined || perTestEnv === '' ? (provided?.perTest ?? false) : perTestEnv !== '0' && perTestEnv !== 'false';
  const ignore = [...(provided?.ignore ?? []), ...(env.LEAKGUARD_HANDLES_IGNORE ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '')];
  const graceMs = assertInteger('leakguardHandles', 'graceMs', provided?.graceMs ?? 10, 0);
  return { mode: mode as ResolvedHandlesOptions['mode'], perTest, ignore, graceMs };
}
