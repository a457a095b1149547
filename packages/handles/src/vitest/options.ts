import { InvalidOptionError, assertInteger } from '@leakguard/core';
import type { LeakguardHandlesOptions } from './config.js';

export interface ResolvedHandlesOptions {
  readonly mode: 'fail' | 'warn' | 'off';
  readonly perTest: boolean;
  readonly ignore: readonly string[];
  readonly graceMs: number;
  readonly stacks: boolean;
}

const MODES = ['fail', 'warn', 'off'] as const;

/**
 * Merges the provided options with the environment, which wins so a run can be switched without
 * editing the config: `LEAKGUARD_HANDLES_MODE=fail|warn|off`, `LEAKGUARD_HANDLES_PER_TEST=1`,
 * `LEAKGUARD_HANDLES_IGNORE=a,b` (added to the provided list), `LEAKGUARD_HANDLES_STACKS=1`.
 */
export function resolveHandlesOptions(provided: LeakguardHandlesOptions | undefined, env: NodeJS.ProcessEnv): ResolvedHandlesOptions {
  const mode = env.LEAKGUARD_HANDLES_MODE ?? provided?.mode ?? 'fail';
  if (!(MODES as readonly string[]).includes(mode)) {
    throw new InvalidOptionError(`leakguardHandles: mode must be one of ${MODES.join(', ')}, got ${JSON.stringify(mode)} (check LEAKGUARD_HANDLES_MODE and test.provide.leakguardHandles).`);
  }
  const perTest = flag(env.LEAKGUARD_HANDLES_PER_TEST, provided?.perTest);
  const stacks = flag(env.LEAKGUARD_HANDLES_STACKS, provided?.stacks);
  const ignore = [...(provided?.ignore ?? []), ...(env.LEAKGUARD_HANDLES_IGNORE ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '')];
  const graceMs = assertInteger('leakguardHandles', 'graceMs', provided?.graceMs ?? 100, 0);
  return { mode: mode as ResolvedHandlesOptions['mode'], perTest, ignore, graceMs, stacks };
}

/** An on/off variable: unset or empty leaves the provided value (default off); `0` and `false` are off, anything else on. */
function flag(value: string | undefined, provided: boolean | undefined): boolean {
  if (value === undefined || value === '') return provided ?? false;
  return value !== '0' && value !== 'false';
}
