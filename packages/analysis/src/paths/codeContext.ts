// The decisions a front end asks for once it knows where a match sits in JS/TS code.
import { calleeModuleOf, calleeParts } from './callee.js';
import { guessNodePathApi, nodePathApiOfModule, nodePathApiOfReceiver, takesPathArgument } from './nodePathCalls.js';
import { CONTEXT_ROUTE_KEYS, ROUTE_SIBLING_KEYS, URL_KEYS, isRouteArgument, isRouteOptionsArgument } from './routeCalls.js';
import type { CodeContext, HomePathMatch } from './types.js';

// A value of a `path` key that is plainly a file: a dot folder or file (`/.env`, `/.cache/`), or
// a data/config file extension. `{ path: '/home/ana/.env' }` (dotenv) is a directory leak,
// `{ path: '/home/feed' }` a route.
const FILE_LIKE = /\/\.[\w-]|\.(?:json5?|env|db|sqlite3?|txt|log|csv|ya?ml|toml|ini|conf|cfg|pem|key|crt|sock|[cm]?[jt]s|sh|py|lock|tar|gz|tgz|zip)(?:$|[?#\s])/iu;

/**
 * Whether a text match found inside JS/TS code is reported, given where it sits. Comments,
 * regular expressions and JSX text: always (they leak the name too). `other` (identifiers and
 * other code): never. Strings and templates: yes, except a `posix`/`macos` path that is a route:
 * an argument of a router or HTTP client (`app.get('/home/feed')` on a router-like receiver,
 * `fetch`, `axios.get`, `http.request`, `navigate`, `redirect`, `router.push`, `new URL`; also
 * as the right operand of `+`, `fetch(API + '/home/feed')`), or the value of a route key (see
 * isRouteProperty; a `path` that is plainly a file, `{ path: '/home/ana/.env' }`, is still
 * reported). URL paths inside http(s) and ws(s) URLs never get here: findHomePaths leaves them
 * out. Calls into fs, path, child_process, `require` and `import()` are always reported, as are
 * the Windows, WSL and file-URL forms, which are never routes. A `tilde` match defers to
 * isTildePathCall.
 */
export function isReportedInCode(match: HomePathMatch, context: CodeContext): boolean {
  if (match.form === 'tilde') return isTildePathCall(context);
  switch (context.container) {
    case 'other':
      return false;
    case 'comment':
    case 'regexp':
    case 'jsx-text':
      return true;
    case 'string':
    case 'template':
      break;
  }
  const literal = context.literal;
  if (match.form !== 'posix' && match.form !== 'macos') return true;
  const parts = calleeParts(context);
  if (parts !== undefined) {
    const module = calleeModuleOf(context, parts);
    const nodeApi = module === undefined ? nodePathApiOfReceiver(parts) : nodePathApiOfModule(module);
    if (nodeApi === undefined && isRouteArgument(parts, module, context.argumentIndex ?? 0)) return false;
  }
  if (isRouteProperty(context)) return context.propertyKey === 'path' && isFileLike(match, literal);
  return true;
}

/**
 * Whether the literal is the value of a route key. URL_KEYS (`url`, `uri`, `route`, `pathname`,
 * `endpoint`, `baseURL`, `redirect`, `redirectTo`, `action` ...) always. CONTEXT_ROUTE_KEYS
 * (`path`, `to`, `href`, `as`, `prefix`): as JSX attributes (`<Link to>`, `<a href>`,
 * `<Route path>`); `href` as an assignment target (`location.href = ...`, `a.href = ...`); in an
 * object literal only when a sibling key marks a route, request or navigation item
 * (ROUTE_SIBLING_KEYS: `component`, `element`, `children`, `handler`, `method`, `loadChildren`,
 * `redirectTo`, `hostname`, `label` ...) or the object is an argument of a router or HTTP call
 * (`http.request({ path })`, `router.push({ path })`, `fastify.register(plugin, { prefix })`).
 * So webpack's `output: { path }`, CopyPlugin's `{ from, to }`, `{ prefix }` and
 * `obj.path = ...` are directories.
 */
export function isRouteProperty(context: CodeContext): boolean {
  const key = context.propertyKey;
  if (key === undefined) return false;
  if (URL_KEYS.has(key)) return true;
  if (!CONTEXT_ROUTE_KEYS.has(key)) return false;
  switch (context.propertyOwner) {
    case 'jsx':
      return true;
    case 'assignment':
      return key === 'href';
    default:
      break;
  }
  if (context.siblingKeys?.some((sibling) => ROUTE_SIBLING_KEYS.has(sibling)) === true) return true;
  const call = context.objectCall;
  if (call === undefined) return false;
  const parts = calleeParts({ container: context.container, ...call });
  if (parts === undefined) return false;
  const module = calleeModuleOf(call, parts);
  const nodeApi = module === undefined ? nodePathApiOfReceiver(parts) : nodePathApiOfModule(module);
  return nodeApi === undefined && isRouteOptionsArgument(parts, module, call.argumentIndex);
}

/**
 * Whether a literal starting with `~/` in this context is a `tilde` finding: a path argument of a
 * Node fs, fs/promises, path or child_process API (with or without `node:`; also `fs-extra`,
 * `graceful-fs` and `process.chdir`), which use `~` literally. Decided by `calleeModule` (and
 * `importedName`) when the front end knows them, else by the conventional receiver names (`fs.`,
 * `fsp.`, `fs.promises.`, `path.`, `childProcess.`, `cp.`), `require('fs').x`, or a distinctive
 * bare name (`readFileSync`, `spawn`). Not `exec`/`execSync`: they hand the string to a shell,
 * which expands `~`. Only path arguments count (`fs.writeFile('a', '~/x')` writes text). False
 * when `literal` is given and does not start with `~/`.
 */
export function isTildePathCall(context: CodeContext): boolean {
  if (context.container !== 'string' && context.container !== 'template') return false;
  if (context.literal !== undefined && !context.literal.startsWith('~/')) return false;
  // `dir + '~/x'` does not start with `~/`.
  if (context.rightOfPlus === true) return false;
  const parts = calleeParts(context);
  if (parts === undefined) return false;
  const module = calleeModuleOf(context, parts);
  const api = module === undefined ? guessNodePathApi(parts) : nodePathApiOfModule(module);
  return api !== undefined && takesPathArgument(api, parts.name, context.argumentIndex ?? 0);
}

function isFileLike(match: HomePathMatch, literal: string | undefined): boolean {
  if (literal === undefined) return false;
  const at = literal.indexOf(match.text);
  return FILE_LIKE.test(at === -1 ? literal : literal.slice(at + match.text.length));
}
