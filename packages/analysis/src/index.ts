// Home-directory paths (rule no-home-path)
export type { CodeContext, HomePathFinding, HomePathForm, HomePathMatch, HomePathOptions } from './paths/types.js';
export { NO_HOME_PATH } from './paths/types.js';
export { DEFAULT_ALLOWED_USERS, findHomePaths, homePathMessage, mayContainHomePath, toFindings } from './paths/findHomePaths.js';
export { isReportedInCode, isTildePathCall } from './paths/codeContext.js';
export type { SourceScan } from './paths/scanSource.js';
export { scanSource } from './paths/scanSource.js';
