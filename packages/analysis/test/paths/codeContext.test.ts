import { describe, expect, it } from 'vitest';
import type { CodeContext, HomePathForm, HomePathMatch } from '../../src/index.js';
import { isReportedInCode, isTildePathCall } from '../../src/index.js';

const match = (form: HomePathForm = 'posix', text = '/home/ana'): HomePathMatch => ({ form, start: 0, end: text.length, pathEnd: text.length, user: 'ana', text });
const str = (literal: string, extra: Partial<CodeContext> = {}): CodeContext => ({ container: 'string', literal, ...extra });
const call = (callee: string, argumentIndex = 0, extra: Partial<CodeContext> = {}): CodeContext => str('/home/ana/x', { callee, argumentIndex, ...extra });

describe('isReportedInCode', () => {
  it('reports comments, regular expressions and JSX text; never other code', () => {
    expect(isReportedInCode(match(), { container: 'comment' })).toBe(true);
    expect(isReportedInCode(match(), { container: 'regexp', literal: '^\\/home\\/ana' })).toBe(true);
    expect(isReportedInCode(match(), { container: 'jsx-text', literal: ' /home/ana ' })).toBe(true);
    expect(isReportedInCode(match(), { container: 'other' })).toBe(false);
  });

  it('reports plain strings and templates', () => {
    expect(isReportedInCode(match(), str('/home/ana/x'))).toBe(true);
    expect(isReportedInCode(match(), { container: 'template', literal: '/home/ana/${x}' })).toBe(true);
  });

  it.each([
    ['app.get'],
    ['router.post'],
    ['app.put'],
    ['app.patch'],
    ['router.delete'],
    ['app.head'],
    ['app.options'],
    ['app.all'],
    ['app.use'],
    ['router.route'],
    ['this.router.post'],
    ['supertest().get'],
    ['fetch'],
    ['window.fetch'],
    ['axios'],
    ['axios.get'],
    ['axios.request'],
    ['got'],
    ['got.post'],
    ['ky'],
    ['request'],
    ['superagent.get'],
    ['http.request'],
    ['https.get'],
    ['navigate'],
    ['router.navigateByUrl'],
    ['redirect'],
    ['res.redirect'],
    ['router.push'],
    ['history.push'],
    ['this.$router.replace'],
    ['useRouter().push'],
    ['window.location.assign'],
    ['page.goto'],
    ['cy.visit'],
    ['URL'],
    ['Request'],
    ['Get'],
    ['Controller'],
  ])('a route or URL: %s(...)', (callee) => {
    expect(isReportedInCode(match(), call(callee))).toBe(false);
    expect(isReportedInCode(match('macos', '/Users/ana'), call(callee))).toBe(false);
  });

  it('looks at the argument that carries the URL', () => {
    expect(isReportedInCode(match(), call('res.redirect', 1))).toBe(false);
    expect(isReportedInCode(match(), call('xhr.open', 1))).toBe(false);
    expect(isReportedInCode(match(), call('cy.intercept', 1))).toBe(false);
    // A second argument of get is data or a default, not the route.
    expect(isReportedInCode(match(), call('config.get', 1))).toBe(true);
    expect(isReportedInCode(match(), call('axios.post', 1))).toBe(true);
  });

  it('does not take push/replace/open on other receivers for navigation', () => {
    expect(isReportedInCode(match(), call('paths.push'))).toBe(true);
    expect(isReportedInCode(match(), call('text.replace'))).toBe(true);
    expect(isReportedInCode(match(), call('fs.open'))).toBe(true);
  });

  it.each([
    ['fs.readFileSync'],
    ['fs.promises.readFile'],
    ['readFileSync'],
    ['path.join'],
    ['path.resolve'],
    ['spawn'],
    ['exec'],
    ['execSync'],
    ['child_process.execFile'],
    ['require'],
    ['import'],
    ['res.sendFile'],
    ['express.static'],
    ['new Worker'],
    ['console.log'],
  ])('a file path: %s(...)', (callee) => {
    expect(isReportedInCode(match(), call(callee))).toBe(true);
  });

  it('uses calleeModule and importedName from the front end', () => {
    // `import { get } from 'axios'`, `import { redirect as go } from 'next/navigation'`.
    expect(isReportedInCode(match(), call('get', 0, { calleeModule: 'axios', importedName: 'get' }))).toBe(false);
    expect(isReportedInCode(match(), call('go', 0, { calleeModule: 'next/navigation', importedName: 'redirect' }))).toBe(false);
    expect(isReportedInCode(match(), call('go', 0, { calleeModule: 'other', importedName: 'redirect' }))).toBe(false);
    // A Node fs module is never a router, whatever the method is called.
    expect(isReportedInCode(match(), call('store.get', 0, { calleeModule: 'node:fs' }))).toBe(true);
    expect(isReportedInCode(match(), call("require('fs').readFileSync"))).toBe(true);
  });

  const inObject = (key: string, siblingKeys: string[] = [], extra: Partial<CodeContext> = {}): Partial<CodeContext> => ({ propertyKey: key, propertyOwner: 'object', siblingKeys, ...extra });

  it.each(['route', 'url', 'uri', 'redirect', 'redirectTo', 'pathname', 'endpoint', 'baseURL', 'baseUrl', 'action', 'formAction'])('the value of key %s is a URL wherever it is', (key) => {
    expect(isReportedInCode(match(), str('/home/ana', inObject(key)))).toBe(false);
    expect(isReportedInCode(match(), str('/home/ana', { propertyKey: key, propertyOwner: 'assignment' }))).toBe(false);
  });

  it.each(['path', 'to', 'href', 'as', 'prefix'])('the value of key %s is a route only in a route’s company', (key) => {
    // Alone, beside file-ish keys, or assigned: a directory (webpack output.path, CopyPlugin to, npm prefix).
    expect(isReportedInCode(match(), str('/home/ana/x', inObject(key)))).toBe(true);
    expect(isReportedInCode(match(), str('/home/ana/x', inObject(key, ['from', 'filename', 'name'])))).toBe(true);
    // Beside route, request or navigation keys; in JSX; in a router or HTTP call's options.
    for (const sibling of ['component', 'element', 'children', 'handler', 'method', 'loadChildren', 'redirectTo', 'hostname', 'label']) {
      expect(isReportedInCode(match(), str('/home/ana/x', inObject(key, ['name', sibling]))), sibling).toBe(false);
    }
    expect(isReportedInCode(match(), str('/home/ana/x', { propertyKey: key, propertyOwner: 'jsx', siblingKeys: [] }))).toBe(false);
    for (const callee of ['http.request', 'router.push', 'axios', 'server.get', 'fetch']) {
      expect(isReportedInCode(match(), str('/home/ana/x', inObject(key, [], { objectCall: { callee, argumentIndex: 0 } }))), callee).toBe(false);
    }
    expect(isReportedInCode(match(), str('/home/ana/x', inObject(key, [], { objectCall: { callee: 'fastify.register', argumentIndex: 1 } })))).toBe(false);
    // Options of fs, of a database or of an unknown call are not a route.
    for (const callee of ['fs.mkdirSync', 'new Database', 'dotenv.config', 'map.get']) {
      expect(isReportedInCode(match(), str('/home/ana/x', inObject(key, [], { objectCall: { callee, argumentIndex: 0 } }))), callee).toBe(true);
    }
  });

  it('takes href, and only href, of an assignment target for a route', () => {
    expect(isReportedInCode(match(), str('/home/ana', { propertyKey: 'href', propertyOwner: 'assignment' }))).toBe(false);
    expect(isReportedInCode(match(), str('/home/ana', { propertyKey: 'path', propertyOwner: 'assignment' }))).toBe(true);
    expect(isReportedInCode(match(), str('/home/ana', { propertyKey: 'to', propertyOwner: 'assignment' }))).toBe(true);
  });

  it('reports a path key whose value is plainly a file, even in a route', () => {
    expect(isReportedInCode(match(), str('/home/ana/.env', inObject('path', ['method'])))).toBe(true);
    expect(isReportedInCode(match(), str('/home/ana/data/app.sqlite', inObject('path', ['method'])))).toBe(true);
    expect(isReportedInCode(match(), str('/home/ana/settings', inObject('path', ['method'])))).toBe(false);
    expect(isReportedInCode(match(), str('/home/ana/.env', inObject('href', ['label'])))).toBe(false);
  });

  it('reports other keys', () => {
    expect(isReportedInCode(match(), str('/home/ana', { propertyKey: 'cwd' }))).toBe(true);
    expect(isReportedInCode(match(), str('/home/ana', { propertyKey: 'src', propertyOwner: 'jsx', siblingKeys: ['href'] }))).toBe(true);
    expect(isReportedInCode(match(), str('/home/ana', inObject('outDir', ['component'])))).toBe(true);
  });

  it('never treats the Windows, WSL or file-URL forms as routes', () => {
    for (const form of ['windows', 'windows-legacy', 'wsl', 'file-url', 'custom'] as const) {
      expect(isReportedInCode(match(form, 'C:\\Users\\ana'), call('app.get')), form).toBe(true);
      expect(isReportedInCode(match(form, 'C:\\Users\\ana'), str('C:\\Users\\ana', { propertyKey: 'url' })), form).toBe(true);
    }
  });

  it('judges each match by itself, not by a URL the literal starts with (findHomePaths leaves URL paths out)', () => {
    expect(isReportedInCode(match(), str('https://registry.npmjs.org unreachable; cache kept in /home/ana/.npm'))).toBe(true);
    expect(isReportedInCode(match('windows', 'C:\\Users\\ana'), { container: 'template', literal: 'http://localhost:3000 serving C:\\Users\\ana\\site' })).toBe(true);
    expect(isReportedInCode(match(), str('sqlite:////home/ana/app.db'))).toBe(true);
    expect(isReportedInCode(match('file-url', 'file:///home/ana'), str('file:///home/ana/x'))).toBe(true);
  });

  it('counts HTTP-method names as routes only on a router or HTTP-client receiver', () => {
    for (const callee of ['app.get', 'router.delete', 'this.http.get', 'this.router.post', 'api.put', 'client.get', 'server.route', 'fastify.get', 'axios.get', 'request().get', 'agent.post', 'apiRouter.get', 'this.httpClient.get', 'userService.delete', 'express.Router().get', '$http.get']) {
      expect(isReportedInCode(match(), call(callee)), callee).toBe(false);
    }
    for (const callee of ['map.get', 'store.delete', 'cache.get', 'config.get', 'params.get', 'headers.delete', 'db.put', 'files.use']) {
      expect(isReportedInCode(match(), call(callee)), callee).toBe(true);
    }
    // Anything imported from an HTTP-client module is one.
    expect(isReportedInCode(match(), call('http.get', 0, { calleeModule: 'node:http' }))).toBe(false);
    expect(isReportedInCode(match(), call('client.get', 0, { calleeModule: 'got' }))).toBe(false);
  });

  it('climbs the right operand of + for routes, not for ~/', () => {
    expect(isReportedInCode(match(), call('fetch', 0, { rightOfPlus: true }))).toBe(false);
    expect(isReportedInCode(match(), call('axios.get', 0, { rightOfPlus: true }))).toBe(false);
    expect(isTildePathCall(str('~/x', { callee: 'fs.readFileSync', argumentIndex: 0, rightOfPlus: true }))).toBe(false);
  });

  it('defers tilde matches to isTildePathCall', () => {
    const tilde: HomePathMatch = { form: 'tilde', start: 0, end: 1, pathEnd: 4, user: '', text: '~' };
    expect(isReportedInCode(tilde, str('~/x', { callee: 'fs.readFileSync', argumentIndex: 0 }))).toBe(true);
    expect(isReportedInCode(tilde, str('~/x', { callee: 'console.log', argumentIndex: 0 }))).toBe(false);
  });
});

describe('isTildePathCall', () => {
  const tilde = (callee: string, argumentIndex = 0, extra: Partial<CodeContext> = {}): boolean => isTildePathCall(str('~/x', { callee, argumentIndex, ...extra }));

  it.each([
    ['fs', 'readFileSync'],
    ['node:fs', 'createReadStream'],
    ['fs/promises', 'readFile'],
    ['node:fs/promises', 'writeFile'],
    ['path', 'join'],
    ['node:path', 'resolve'],
    ['path/posix', 'join'],
    ['node:path/win32', 'normalize'],
    ['child_process', 'spawn'],
    ['node:child_process', 'execFileSync'],
    ['fs-extra', 'ensureDir'],
  ])('by module: %s %s', (module, name) => {
    expect(tilde(name, 0, { calleeModule: module, importedName: name })).toBe(true);
    expect(tilde(`x.${name}`, 0, { calleeModule: module })).toBe(true);
  });

  it.each(['fs.readFileSync', 'fsp.readFile', 'fs.promises.readFile', 'fsPromises.stat', 'path.join', 'path.posix.join', 'childProcess.spawn', 'cp.execFile', 'child_process.fork', "require('fs').readFileSync", 'require("node:path").join', 'readFileSync', 'existsSync', 'createWriteStream', 'spawn', 'process.chdir'])(
    'by conventional name when the module is unknown: %s',
    (callee) => expect(tilde(callee)).toBe(true),
  );

  it('says no for modules that are not Node path APIs, even with fs-like names', () => {
    expect(tilde('readFileSync', 0, { calleeModule: 'my-vfs', importedName: 'readFileSync' })).toBe(false);
    expect(tilde('fs.readFile', 0, { calleeModule: 'memfs' })).toBe(false);
  });

  it('says no for exec and execSync, whose shell expands ~', () => {
    expect(tilde('cp.execSync')).toBe(false);
    expect(tilde('exec', 0, { calleeModule: 'child_process', importedName: 'exec' })).toBe(false);
    expect(tilde('run', 0, { calleeModule: 'node:child_process', importedName: 'execSync' })).toBe(false);
    expect(tilde('execSync')).toBe(false);
  });

  it('says no for calls that are not Node path APIs', () => {
    expect(tilde('exec')).toBe(false);
    expect(tilde('require')).toBe(false);
    expect(tilde('import')).toBe(false);
    expect(tilde('console.log')).toBe(false);
    expect(tilde('resolve')).toBe(false);
    expect(tilde('join')).toBe(false);
    expect(tilde('process.exit')).toBe(false);
  });

  it('only counts path arguments', () => {
    expect(tilde('fs.writeFileSync', 1)).toBe(false);
    expect(tilde('fs.copyFileSync', 1)).toBe(true);
    expect(tilde('fs.promises.rename', 1)).toBe(true);
    expect(tilde('path.join', 3)).toBe(true);
    expect(tilde('spawn', 1)).toBe(false);
  });

  it('needs a string or template argument of a call starting with ~/', () => {
    expect(isTildePathCall({ container: 'comment' })).toBe(false);
    expect(isTildePathCall(str('~/x'))).toBe(false);
    expect(isTildePathCall(str('./~/x', { callee: 'fs.readFileSync', argumentIndex: 0 }))).toBe(false);
    expect(isTildePathCall({ container: 'template', literal: '~/${name}', callee: 'fs.readFileSync', argumentIndex: 0 })).toBe(true);
    expect(isTildePathCall({ container: 'string', callee: 'fs.readFileSync', argumentIndex: 0 })).toBe(true);
  });
});
