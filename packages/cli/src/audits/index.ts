import type { Audit } from './audit.js';
import { pathsAudit } from './paths.js';

/** Every audit, in the order `leakguard audit` runs them and `--help` lists them. */
export const AUDITS: readonly Audit[] = [pathsAudit];
