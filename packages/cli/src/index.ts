export { runCli } from './runCli.js';
export type { CliIo, CliStream } from './io.js';
export { CliError, UsageError } from './errors.js';
export type { Audit } from './audits/audit.js';
export { AUDITS } from './audits/index.js';
export { shouldColor } from './colors.js';
export { parseByteSize } from './parseByteSize.js';
export { createProgressLine } from './progress.js';
export type { ProgressLine } from './progress.js';
