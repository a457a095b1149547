// Where a `/home/...` string in code is a URL path (a route, a request, a navigation), not a
// directory: an argument of a router or HTTP client, or the value of a route-ish property.
import type { CalleeParts } from './callee.js';

// HTTP methods and router registrations: app.get, router.post, axios.put, this.http.delete,
// supertest(app).patch, fastify.route, app.use; only on a receiver that looks like a router or
// an HTTP client (map.get, cache.delete, store.put take keys, often file paths).
const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'all', 'any', 'use', 'route', 'request', 'fetch', 'location']);
/**
 * Receivers whose HTTP-method calls (`get`, `post`, `delete`, `use`, `route` ...) take a route,
 * compared case-insensitively with the receiver's last segment (`this.http.get` → `http`,
 * `request(app).get` → `request`, `express.Router().get` → `Router`): servers and routers
 * (`app`, `application`, `router`, `route`, `server`, `fastify`, `hono`, `koa`, `restify`),
 * HTTP clients (`api`, `http`, `https`, `http2`, `$http`, `client`, `axios`, `request`, `agent`,
 * `supertest`, `superagent`, `ky`, `got`, Cypress `cy` and Playwright `page`), an Express response
 * (`res.location`) and HTTP mocks (`mock`, `fetchMock`, `nock`,
 * `rest` and `http` of msw). Also any receiver whose last segment ends in `Router`, `Client`,
 * `Api`/`API`, `Service`, `Server`, `App`, `Http` or `Agent` (`apiRouter`, `this.httpClient`,
 * `userService`), and any call whose callee comes from a module in URL_MODULES.
 */
export const ROUTER_RECEIVERS: ReadonlySet<string> = new Set([
  'app',
  'application',
  'router',
  'route',
  'server',
  'fastify',
  'hono',
  'koa',
  'restify',
  'api',
  'http',
  'https',
  'http2',
  '$http',
  'client',
  'axios',
  'request',
  'agent',
  'supertest',
  'superagent',
  'ky',
  'got',
  'cy',
  'page',
  'res',
  'mock',
  'fetchmock',
  'nock',
  'rest',
]);
const ROUTER_RECEIVER_SUFFIX = /[\p{Ll}\p{N}_$](?:Router|Client|Api|API|Service|Server|App|Http|Agent)$/u;
// Functions whose first argument is a URL or route, bare or on any receiver.
const URL_FUNCTIONS = new Set([
  'fetch',
  '$fetch',
  'useFetch',
  'useSWR',
  'axios',
  'got',
  'ky',
  'request',
  'superagent',
  'needle',
  'ajax',
  'getJSON',
  'navigate',
  'navigateTo',
  'navigateByUrl',
  'goto',
  'visit',
  'prefetch',
  'revalidatePath',
  'sendBeacon',
  'Request',
  'URL',
  'EventSource',
  'WebSocket',
]);
// Any argument: res.redirect(301, '/home/x'), redirect('/home/x'), permanentRedirect.
const REDIRECTS = new Set(['redirect', 'permanentRedirect']);
// push/replace/assign only navigate on a router, history or location (array.push does not).
const NAVIGATIONS = new Set(['push', 'replace', 'assign', 'open']);
const NAVIGATOR = /router|history|navigat|location|window/iu;
// Route decorators (NestJS, routing-controllers): @Get('/home/feed'), @Controller('/home').
const DECORATORS = /^(?:Get|Post|Put|Patch|Delete|Head|Options|All|Controller|Route|Redirect)$/u;
// Modules whose exports take a URL or a route as first argument (HTTP clients, navigation).
// Not server frameworks: express.static('/srv/www') takes a directory.
const URL_MODULES =
  /^(?:axios|got|ky|node-fetch|cross-fetch|isomorphic-fetch|undici|superagent|supertest|request|needle|next\/navigation|next\/router|next\/cache|react-router|react-router-dom|@remix-run\/.+|vue-router|@sveltejs\/kit|msw|(?:node:)?https?)$/u;

/** Keys whose string value is a URL or route by their name alone, wherever they are: `{ url: '/home/feed' }`, `location.pathname = ...`. */
export const URL_KEYS: ReadonlySet<string> = new Set(['url', 'uri', 'route', 'pathname', 'endpoint', 'baseURL', 'baseUrl', 'redirect', 'redirectTo', 'action', 'formAction']);
/**
 * Keys that name a route only in a route's company (`{ path, component }`, `<Link to>`) and a
 * directory elsewhere (webpack's `output: { path }`, CopyPlugin's `{ from, to }`, npm's `prefix`).
 */
export const CONTEXT_ROUTE_KEYS: ReadonlySet<string> = new Set(['path', 'to', 'href', 'as', 'prefix']);
/**
 * Sibling keys that make an object a route, a request or a navigation item, so its
 * CONTEXT_ROUTE_KEYS hold routes: route tables of React Router, Vue Router, Angular, Express-like
 * servers (`component`, `element`, `children`, `handler`, `method`, `loadChildren`, `redirectTo`,
 * `meta` ...), Node `http.request` options (`hostname`, `host`, `port`, `protocol`, `headers`),
 * and navigation links (`label`, `title`, `text`, `icon`, `exact`, `target`, `rel` ...). Not
 * `name` alone: `{ path, name }` is as often a folder as a route.
 */
export const ROUTE_SIBLING_KEYS: ReadonlySet<string> = new Set([
  'component',
  'components',
  'Component',
  'element',
  'children',
  'handler',
  'handlers',
  'method',
  'methods',
  'loadChildren',
  'loadComponent',
  'lazy',
  'loader',
  'render',
  'exact',
  'strict',
  'sensitive',
  'pathMatch',
  'canActivate',
  'canActivateChild',
  'canDeactivate',
  'canLoad',
  'canMatch',
  'resolve',
  'beforeEnter',
  'errorElement',
  'ErrorBoundary',
  'redirect',
  'redirectTo',
  'meta',
  'middleware',
  'preHandler',
  'hostname',
  'host',
  'port',
  'protocol',
  'headers',
  'label',
  'title',
  'text',
  'icon',
  'active',
  'external',
  'target',
  'rel',
  'replace',
  'hash',
  'search',
  'query',
]);

/** Whether argument `index` of this call is a route or URL rather than a file path. */
export function isRouteArgument(parts: CalleeParts, module: string | undefined, index: number): boolean {
  const { name, receiver } = parts;
  if (REDIRECTS.has(name)) return true;
  if (module !== undefined && URL_MODULES.test(module)) return index === 0;
  if (index === 0 && URL_FUNCTIONS.has(name)) return true;
  if (receiver === '') return index === 0 && DECORATORS.test(name);
  if (index === 0 && METHODS.has(name.toLowerCase()) && isRouterReceiver(receiver)) return true;
  // XMLHttpRequest.open(method, url), cy.intercept(method, url), page.route(url) ...
  if (name === 'intercept' && index <= 1) return true;
  if (name === 'open' && index === 1) return true;
  return index === 0 && NAVIGATIONS.has(name) && NAVIGATOR.test(receiver);
}

/**
 * Whether an object passed as argument `index` of this call is a route or request description
 * (`http.request({ path })`, `router.push({ path })`, `axios({ url })`, `server.get({ path }, h)`),
 * or a router plugin's options (`fastify.register(plugin, { prefix })`).
 */
export function isRouteOptionsArgument(parts: CalleeParts, module: string | undefined, index: number): boolean {
  if (index === 0) return isRouteArgument(parts, module, 0);
  return parts.name === 'register' && isRouterReceiver(parts.receiver);
}

/** Whether a callee's receiver looks like a router or an HTTP client (see ROUTER_RECEIVERS). */
export function isRouterReceiver(receiver: string): boolean {
  const last = receiver.slice(receiver.lastIndexOf('.') + 1);
  return ROUTER_RECEIVERS.has(last.toLowerCase()) || ROUTER_RECEIVER_SUFFIX.test(last);
}
