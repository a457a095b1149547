import type { Audit } from './audit.js';
import { disposalAudit } from './disposal.js';
import { pathsAudit } from './paths.js';

/** Every audit, in the order `leakguard audit` runs them and `--help` lists them. */
export const AUDITS: readonly Audit[] = [pathsAudit, disposalAudit];

/**
 * Options (each taking a value) that only one audit understands, by audit name. `leakguard
 * audit` gives every audit the whole command line except the options of the others, so
 * `leakguard audit --project app/tsconfig.json --allow-user deploy` works.
 */
export const AUDIT_OWN_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  paths: ['--allow-user', '--max-file-size'],
  disposal: ['--project', '-p'],
};
