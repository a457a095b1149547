// Home-directory paths (rule no-home-path)
export type { CodeContext, HomePathFinding, HomePathForm, HomePathMatch, HomePathOptions, ObjectCall } from './paths/types.js';
export { NO_HOME_PATH } from './paths/types.js';
export { DEFAULT_ALLOWED_USERS, SHARED_HOME_FOLDERS, isPlaceholderUser, isSharedHomeFolder } from './paths/excludedUsers.js';
export { findHomePaths } from './paths/findHomePaths.js';
export { mayContainHomePath } from './paths/mayContainHomePath.js';
export { homePathMessage, toFindings } from './paths/findings.js';
export { validateHomePathOptions } from './paths/options.js';
export { isReportedInCode, isRouteProperty, isTildePathCall } from './paths/codeContext.js';
export { tildePathMatch } from './paths/tildePath.js';
export { WEB_URL_SCHEMES } from './paths/urlContext.js';
export { CONTEXT_ROUTE_KEYS, ROUTER_RECEIVERS, ROUTE_SIBLING_KEYS, URL_KEYS } from './paths/routeCalls.js';
export type { SourceScan } from './paths/scanSource.js';
export { scanSource } from './paths/scanSource.js';
// Disposal (rules no-leaked-resource, prefer-using)
export type { DisposalFinding, DisposalKnowledge, DisposalOptions, LeakPath, PreferUsingFinding, ResourcePair } from './disposal/types.js';
export { NO_LEAKED_RESOURCE, PREFER_USING } from './disposal/types.js';
export { findLeakedResources, findLeakedResourcesAt } from './disposal/findLeakedResources.js';
export { findPreferUsing } from './disposal/findPreferUsing.js';
export { summarizeDisposal } from './disposal/summarizeDisposal.js';
export { validateDisposalOptions } from './disposal/options.js';
