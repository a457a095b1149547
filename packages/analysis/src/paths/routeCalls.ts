// Where a `/home/...` string in code is a URL path (a route, a request, a navigation), not a
// directory: an argument of a router or HTTP client, or the value of a route-ish property.
import type { CalleeParts } from './callee.js';

// HTTP methods and router registrations, called on any receiver: app.get, router.post,
// axios.put, this.http.delete, supertest(app).patch, fastify.route, app.use.
const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'all', 'any', 'use', 'route', 'request', 'fetch', 'location']);
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

/** Object keys and JSX attributes whose string value is a URL or route: `{ path: '/home/:id' }`, `<Link href=...>`. */
export const ROUTE_KEYS: ReadonlySet<string> = new Set([
  'path',
  'route',
  'href',
  'to',
  'url',
  'uri',
  'redirect',
  'redirectTo',
  'pathname',
  'endpoint',
  'baseURL',
  'baseUrl',
  'prefix',
  'action',
  'formAction',
  'as',
]);

/** Whether argument `index` of this call is a route or URL rather than a file path. */
export function isRouteArgument(parts: CalleeParts, module: string | undefined, index: number): boolean {
  const { name, receiver } = parts;
  if (REDIRECTS.has(name)) return true;
  if (module !== undefined && URL_MODULES.test(module)) return index === 0;
  if (index === 0 && URL_FUNCTIONS.has(name)) return true;
  if (receiver === '') return index === 0 && DECORATORS.test(name);
  if (index === 0 && METHODS.has(name.toLowerCase())) return true;
  // XMLHttpRequest.open(method, url), cy.intercept(method, url), page.route(url) ...
  if (name === 'intercept' && index <= 1) return true;
  if (name === 'open' && index === 1) return true;
  return index === 0 && NAVIGATIONS.has(name) && NAVIGATOR.test(receiver);
}
