// The rule and the detector's own front end (scanSource) must report the same places: the rule
// builds its CodeContext from ESTree, scanSource from TypeScript's tree, and both hand it to the
// same decisions. Held to it over every JS/TS file of the detector's corpus and a list of tricky
// snippets.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import type { Rule } from 'eslint';
import ts from 'typescript';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { findHomePaths, scanSource, toFindings } from '@leakguard/analysis';
import noHomePath from '../src/rules/no-home-path.js';

const CORPUS = fileURLToPath(new URL('../../packages/analysis/test/corpus/', import.meta.url));
// Corpus JS/TS files end in .txt so that the repository's ESLint and tsc leave them alone.
const SOURCE = /\.(?:[cm]?[jt]sx?)\.txt$/u;
const HOME_PATH_MESSAGE = /^hard-coded home directory of user "(.*)" \((.*)\); use os\.homedir\(\)/su;

function corpusSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return corpusSources(path);
    return SOURCE.test(entry.name) ? [relative(CORPUS, path).split('\\').join('/')] : [];
  });
}

/** `line:column form "user"` of what the ESLint rule reports in `code`, parsed as `fileName` says. */
function eslintReports(fileName: string, code: string): string[] {
  const isTypeScript = /\.[cm]?tsx?$/u.test(fileName);
  const config: Linter.Config[] = [
    {
      files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
      languageOptions: {
        ecmaVersion: 'latest',
        sourceType: fileName.endsWith('.cjs') ? 'commonjs' : 'module',
        ...(isTypeScript ? { parser: tseslint.parser } : {}),
        // scanSource parses JSX in .js, .jsx and .tsx, as TypeScript does.
        parserOptions: { ecmaFeatures: { jsx: !/\.[cm]?ts$/u.test(fileName) } },
      },
      // A fixture may open with `/* eslint-disable */`; scanSource knows no directives.
      linterOptions: { noInlineConfig: true },
      plugins: { leakguard: { rules: { 'no-home-path': noHomePath as unknown as Rule.RuleModule } } },
      rules: { 'leakguard/no-home-path': 'error' },
    },
  ];
  const messages = new Linter().verify(code, config, fileName);
  // Without a rule id and not fatal: ESLint's note that the directive was ignored.
  return messages.filter((m) => m.ruleId !== null || m.fatal === true).map((m) => {
    if (m.ruleId !== 'leakguard/no-home-path') return `FATAL ${m.message}`;
    if (m.messageId === 'tildePath') return `${m.line}:${m.column} tilde ""`;
    const [, user, text] = HOME_PATH_MESSAGE.exec(m.message) ?? [];
    const form = text === undefined ? 'unknown' : (findHomePaths(text)[0]?.form ?? 'unknown');
    return `${m.line}:${m.column} ${form} ${JSON.stringify(user)}`;
  });
}

/** The same for scanSource. */
function scanReports(fileName: string, code: string): string[] {
  const result = scanSource(ts, fileName, code);
  if (result.parseError !== undefined) return [`FATAL ${result.parseError}`];
  return toFindings(code, result.matches).map((f) => `${f.line}:${f.column} ${f.form} ${JSON.stringify(f.user)}`);
}

const sorted = (list: string[]): string[] => [...list].sort();

// Each shape where the two trees differ (parentheses, arrays, `+`, JSX, templates, comments,
// imports) and each decision of the policy.
const SNIPPETS: readonly string[] = [
  "const p = '/home/ana/x'; // and /Users/bob",
  "app.get('/home/feed', h); router.post(('/Users/x'), h); map.get('/home/ana/x'); cache.delete('/home/bob/y');",
  "this.router.navigate(['/home/feed']); router.navigate(['/Users/settings', id]); spawn('node', ['/home/ana/x.js']);",
  "fetch(API + '/home/feed'); axios.get(base + '/Users/profile'); fs.readFileSync(dir + '/home/ana/x');",
  "fs.readFileSync('~/a'); fs.readFileSync(dir + '~/b'); fs.readFileSync('~/' + f); fs.readFileSync(c ? '~/c' : x ?? '~/d');",
  "fs.readFileSync('~/a:b'); fs.readFileSync(`~/x/${f}`); execSync('~/bin/x'); process.chdir('~/x');",
  "import { readFileSync as rf } from 'node:fs'; rf('~/x'); import fetch from 'node-fetch'; fetch('/home/ana/x');",
  "const fs = require('fs'); fs.readFileSync('~/x'); require('fs').existsSync('/home/ana/y');",
  "module.exports = { output: { path: '/Users/ana/proj/build', filename: 'x.js' } };",
  "new CopyPlugin({ patterns: [{ from: 'public', to: '/home/ana/www' }] }); const npmrc = { prefix: '/home/bob/.npm-global' };",
  "const routes = [{ path: '/home/feed', component: Feed }, { path: '/Users/list', redirect: '/home/feed' }, { path: '/home/ana/x', name: 'x' }];",
  "http.request({ hostname: 'x', path: '/home/feed' }); router.push({ path: '/home/welcome' }); db.open({ path: '/home/ana/db' });",
  "obj.path = '/home/ana/x'; obj['href'] = '/home/feed'; location.href = '/home/start'; const s = { ['path']: '/home/bob/x' };",
  "const el = <Link to='/home/messages'><a href={'/Users/settings'}>x</a><Foo dir='/home/ana/x' /></Link>;",
  'const el = <Route path="/home/feed" element={<Feed />} />; const t = <p>See C:\\Users\\ana and /home/bob</p>;',
  "throw new Error('https://registry.npmjs.org unreachable; cache kept in /home/ana/.npm');",
  'const msg = `http://localhost:3000 serving C:\\\\Users\\\\ana\\\\site`; const u = `https://${host}/home/bob`;',
  "const db = 'sqlite:////home/ana/app.db'; const dep = 'git+file:///home/bob/repo'; const w = 'webpack:///Users/carl/x';",
  "const r = 'vscode-remote://ssh-remote+box/home/ana/proj'; const d = 'DOCKER_HOST=unix:///Users/bob/.colima/docker.sock';",
  "const a = 'file:///C:/Users/All%20Users/x'; const b = 'C:\\\\Users\\\\defaultuser0\\\\x'; const c = 'file:///home/Jos%C3%A9/x';",
  'const s = `/home/ana-${x}`; const t = `/home/bob${rest}`; const u = `${root}/home/carl`; const v = `/Users/${name}/x`;',
  '/*/home/ana/x*/\n/* /Users/bob */ // C:\\Users\\carl\n/** @see /home/dora/notes */',
  "const re = /^\\/home\\/ana\\//u; const re2 = new RegExp('^/Users/bob/');",
  "type P = `/home/${string}`; type Q = `/home/ana/${string}`; enum E { A = '/Users/bob' }",
  "@Controller('/home') class C { @Get('/home/summary') s() {} }",
  "const x = cond && '/home/ana/x'; const y = (('/home/bob/y')); fetch(('/home/feed'));",
  "res.redirect(302, '/home/login'); xhr.open('GET', '/home/x'); cy.intercept('GET', '/home/y'); new URL('/home/z', base);",
  "const s = 'PATH=/home/ana/bin:/home/runner/bin'; const t = '/home/ana/a /Users/bob/b';",
];

describe('no-home-path and scanSource report alike', () => {
  it.each(corpusSources(CORPUS).sort())('corpus file %s', (file) => {
    const code = readFileSync(join(CORPUS, file), 'utf8');
    const fileName = file.slice(0, -'.txt'.length);
    const scanned = scanReports(fileName, code);
    expect(scanned.length).toBeGreaterThan(0);
    expect(sorted(eslintReports(fileName, code))).toEqual(sorted(scanned));
  });

  it.each(SNIPPETS.map((code) => [code]))('%s', (code) => {
    expect(sorted(eslintReports('snippet.tsx', code))).toEqual(sorted(scanReports('snippet.tsx', code)));
  });
});
