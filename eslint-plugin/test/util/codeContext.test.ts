import { Linter } from 'eslint';
import type { Rule } from 'eslint';
import { ESLintUtils } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import type { CodeContext } from '@leakguard/analysis';
import { codeContextOf } from '../../src/util/codeContext.js';

const TARGET = 'here';

/** The CodeContext of every literal (string or template) whose text is `here` in `code`. */
function contextsIn(code: string, parser: 'espree' | 'typescript' = 'espree', sourceType: 'module' | 'commonjs' = 'module'): CodeContext[] {
  const found: CodeContext[] = [];
  const probe = ESLintUtils.RuleCreator.withoutDocs({
    meta: { type: 'problem', messages: {}, schema: [] },
    create(context) {
      return {
        Literal(node: TSESTree.Literal) {
          if (node.value === TARGET) found.push(codeContextOf(context.sourceCode, node, 'string', TARGET));
        },
        TemplateLiteral(node: TSESTree.TemplateLiteral) {
          if (node.quasis[0]?.value.raw === TARGET) found.push(codeContextOf(context.sourceCode, node, 'template', TARGET));
        },
      };
    },
  });
  const messages = new Linter().verify(code, [
    {
      files: ['**/*.tsx'],
      languageOptions: { ...(parser === 'typescript' ? { parser: tseslint.parser } : {}), sourceType, parserOptions: { ecmaFeatures: { jsx: true } } },
      plugins: { probe: { rules: { probe: probe as unknown as Rule.RuleModule } } },
      rules: { 'probe/probe': 'error' },
    },
  ], 'file.tsx');
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return found;
}

describe('codeContextOf', () => {
  it('gives a call argument its callee as dotted text and its position', () => {
    expect(contextsIn("fetch('here');")).toStrictEqual([{ container: 'string', literal: TARGET, callee: 'fetch', argumentIndex: 0 }]);
    expect(contextsIn("app.get('/x', 'here');")).toStrictEqual([{ container: 'string', literal: TARGET, callee: 'app.get', argumentIndex: 1 }]);
    expect(contextsIn("class A { m() { this.router.post('here'); } }")).toStrictEqual([{ container: 'string', literal: TARGET, callee: 'this.router.post', argumentIndex: 0 }]);
    expect(contextsIn("new Worker(`here`);")).toStrictEqual([{ container: 'template', literal: TARGET, callee: 'Worker', argumentIndex: 0 }]);
    expect(contextsIn("api?.client['get']('here');")).toStrictEqual([{ container: 'string', literal: TARGET, callee: 'api.client.get', argumentIndex: 0 }]);
    expect(contextsIn("express.Router().get('here');")).toStrictEqual([{ container: 'string', literal: TARGET, callee: 'express.Router().get', argumentIndex: 0 }]);
    expect(contextsIn("handlers[name]('here');")).toStrictEqual([{ container: 'string', literal: TARGET, callee: 'handlers[]', argumentIndex: 0 }]);
    expect(contextsIn("new Client().request('here');")).toStrictEqual([{ container: 'string', literal: TARGET, callee: 'new Client().request', argumentIndex: 0 }]);
    expect(contextsIn("(a || b)('here');")).toStrictEqual([{ container: 'string', literal: TARGET, callee: 'a || b', argumentIndex: 0 }]);
    expect(contextsIn("await import('here');")).toStrictEqual([{ container: 'string', literal: TARGET, callee: 'import', argumentIndex: 0 }]);
  });

  it('looks through what passes the value on: a branch of ?:, ?? and ||, either side of +, an array element', () => {
    const inFetch = { container: 'string', literal: TARGET, callee: 'fetch', argumentIndex: 0 };
    expect(contextsIn("fetch(ok ? 'here' : other);")).toStrictEqual([inFetch]);
    expect(contextsIn("fetch(url ?? 'here');")).toStrictEqual([inFetch]);
    expect(contextsIn("fetch(url || 'here');")).toStrictEqual([inFetch]);
    expect(contextsIn("fetch('here' + id);")).toStrictEqual([inFetch]);
    // The right operand still goes to fetch, but does not start the value (no `~/` path start).
    expect(contextsIn("fetch(base + 'here');")).toStrictEqual([{ ...inFetch, rightOfPlus: true }]);
    expect(contextsIn("this.router.navigate(['here', id]);")).toStrictEqual([{ container: 'string', literal: TARGET, callee: 'this.router.navigate', argumentIndex: 0 }]);
    expect(contextsIn("fetch(ok && 'here');")).toStrictEqual([{ container: 'string', literal: TARGET }]);
    expect(contextsIn("fetch('here' ? a : b);")).toStrictEqual([{ container: 'string', literal: TARGET }]);
  });

  it('leaves callee out when the literal is not directly an argument, and names the call its object goes to', () => {
    expect(contextsIn("fetch({ url: 'here' });")).toStrictEqual([
      { container: 'string', literal: TARGET, propertyKey: 'url', propertyOwner: 'object', siblingKeys: [], objectCall: { callee: 'fetch', argumentIndex: 0 } },
    ]);
    expect(contextsIn("import http from 'node:http'; http.request({ host, method: 'GET', path: 'here', ...rest });")).toStrictEqual([
      { container: 'string', literal: TARGET, propertyKey: 'path', propertyOwner: 'object', siblingKeys: ['host', 'method'], objectCall: { callee: 'http.request', argumentIndex: 0, calleeModule: 'node:http' } },
    ]);
  });

  it('resolves the callee root through imports to its module and imported name', () => {
    expect(contextsIn("import fs from 'node:fs'; fs.promises.readFile('here');")).toStrictEqual([
      { container: 'string', literal: TARGET, callee: 'fs.promises.readFile', argumentIndex: 0, calleeModule: 'node:fs' },
    ]);
    expect(contextsIn("import { readFileSync as read } from 'fs'; read('here');")).toStrictEqual([
      { container: 'string', literal: TARGET, callee: 'read', argumentIndex: 0, calleeModule: 'fs', importedName: 'readFileSync' },
    ]);
    expect(contextsIn("import * as cp from 'node:child_process'; cp.execSync('here');")).toStrictEqual([
      { container: 'string', literal: TARGET, callee: 'cp.execSync', argumentIndex: 0, calleeModule: 'node:child_process' },
    ]);
    expect(contextsIn("import express from 'express'; express().get('here');")).toStrictEqual([
      { container: 'string', literal: TARGET, callee: 'express().get', argumentIndex: 0, calleeModule: 'express' },
    ]);
  });

  it('resolves require() in its forms', () => {
    const cjs = (code: string) => contextsIn(code, 'espree', 'commonjs');
    expect(cjs("const fs = require('fs'); fs.readFileSync('here');")).toStrictEqual([{ container: 'string', literal: TARGET, callee: 'fs.readFileSync', argumentIndex: 0, calleeModule: 'fs' }]);
    expect(cjs("const { a: b } = require('m'); b('here');")).toStrictEqual([{ container: 'string', literal: TARGET, callee: 'b', argumentIndex: 0, calleeModule: 'm', importedName: 'a' }]);
    expect(cjs("const fsp = require('fs').promises; fsp.readFile('here');")).toStrictEqual([
      { container: 'string', literal: TARGET, callee: 'fsp.readFile', argumentIndex: 0, calleeModule: 'fs', importedName: 'promises' },
    ]);
    expect(cjs("const { promises: { readFile = x } } = require('fs'); readFile('here');")).toStrictEqual([
      { container: 'string', literal: TARGET, callee: 'readFile', argumentIndex: 0, calleeModule: 'fs', importedName: 'readFile' },
    ]);
    expect(cjs("require('fs').readFileSync('here');")).toStrictEqual([{ container: 'string', literal: TARGET, callee: "require('fs').readFileSync", argumentIndex: 0, calleeModule: 'fs' }]);
    expect(contextsIn("(await import('node:fs')).readFileSync('here');")).toStrictEqual([
      { container: 'string', literal: TARGET, callee: "import('node:fs').readFileSync", argumentIndex: 0, calleeModule: 'node:fs' },
    ]);
    expect(contextsIn("const { readFile } = await import('node:fs/promises'); readFile('here');")).toStrictEqual([
      { container: 'string', literal: TARGET, callee: 'readFile', argumentIndex: 0, calleeModule: 'node:fs/promises', importedName: 'readFile' },
    ]);
  });

  it('does not resolve a local function, a parameter or a local require', () => {
    expect(contextsIn("function f(fs) { fs.readFileSync('here'); }")).toStrictEqual([{ container: 'string', literal: TARGET, callee: 'fs.readFileSync', argumentIndex: 0 }]);
    expect(contextsIn("const require = (m) => m; const fs = require('fs'); fs.readFileSync('here');")).toStrictEqual([
      { container: 'string', literal: TARGET, callee: 'fs.readFileSync', argumentIndex: 0 },
    ]);
    expect(contextsIn("import fs from 'node:fs'; function f() { const fs = mock(); fs.readFileSync('here'); }")).toStrictEqual([
      { container: 'string', literal: TARGET, callee: 'fs.readFileSync', argumentIndex: 0 },
    ]);
  });

  it('resolves TypeScript import-equals and looks through type assertions', () => {
    const ts = (code: string) => contextsIn(code, 'typescript');
    expect(ts("import fs = require('fs'); fs.readFileSync('here' as string);")).toStrictEqual([{ container: 'string', literal: TARGET, callee: 'fs.readFileSync', argumentIndex: 0, calleeModule: 'fs' }]);
    expect(ts("import { readFile } from 'node:fs/promises'; readFile('here' satisfies string, 'utf8');")).toStrictEqual([
      { container: 'string', literal: TARGET, callee: 'readFile', argumentIndex: 0, calleeModule: 'node:fs/promises', importedName: 'readFile' },
    ]);
    expect(ts("import type { Fs } from 'fs'; declare const fs: Fs; fs.readFileSync('here');")).toStrictEqual([{ container: 'string', literal: TARGET, callee: 'fs.readFileSync', argumentIndex: 0 }]);
  });

  it('gives the key of an object property, an assigned member and a JSX attribute', () => {
    const inObject = (propertyKey: string, siblingKeys: string[]) => ({ propertyKey, propertyOwner: 'object', siblingKeys });
    expect(contextsIn("const o = { path: 'here', 'to': `here`, [k]: 'here', component };")).toStrictEqual([
      { container: 'string', literal: TARGET, ...inObject('path', ['to', 'component']) },
      { container: 'template', literal: TARGET, ...inObject('to', ['path', 'component']) },
      { container: 'string', literal: TARGET },
    ]);
    expect(contextsIn("options.url = 'here'; options['to'] = 'here'; url = 'here';")).toStrictEqual([
      { container: 'string', literal: TARGET, propertyKey: 'url', propertyOwner: 'assignment' },
      { container: 'string', literal: TARGET, propertyKey: 'to', propertyOwner: 'assignment' },
      { container: 'string', literal: TARGET },
    ]);
    expect(contextsIn("const o = { href: cond ? 'here' : '/' };")).toStrictEqual([{ container: 'string', literal: TARGET, ...inObject('href', []) }]);
    expect(contextsIn('const a = <Link to="here" xlink:href={\'here\'} {...rest} />;')).toStrictEqual([
      { container: 'string', literal: TARGET, propertyKey: 'to', propertyOwner: 'jsx', siblingKeys: ['xlink:href'] },
      { container: 'string', literal: TARGET, propertyKey: 'xlink:href', propertyOwner: 'jsx', siblingKeys: ['to'] },
    ]);
  });
});
