import ts from 'typescript';
import * as tsNamespace from 'typescript';
import { describe, expect, it } from 'vitest';
import type { HomePathMatch } from '../../src/index.js';
import { scanSource, toFindings } from '../../src/index.js';

/** `form:user@line:column` of each match, for compact expectations. */
const scan = (fileName: string, text: string, options = {}): string[] => {
  const result = scanSource(ts, fileName, text, options);
  expect(result.parseError).toBeUndefined();
  return toFindings(text, result.matches).map((f) => `${f.form}:${f.user}@${f.line}:${f.column}`);
};
const users = (fileName: string, text: string): string[] => scanSource(ts, fileName, text).matches.map((m) => m.user || m.text);

describe('scanSource: what it reads', () => {
  it('reads strings, templates, regular expressions, JSX text and comments, not identifiers', () => {
    const text = [
      "const a = '/home/ana/x';",
      'const b = `/home/bob/${x}/y/${z}`;',
      'const c = `${x} /home/carl/${y} /home/dora/`;',
      'const d = /^\\/home\\/eve\\//u;',
      'const e = <p>/home/fay and {/* /home/gus */} {"/home/hal"}</p>;',
      '// /home/ivy',
      '/* /home/joe */ const f = y /home/kim; /** /home/lea */',
      'const g = y / home / ana;',
      '// end /home/max',
    ].join('\n');
    // Expected positions computed from the lines, so the test states only which names are found.
    const lines = text.split('\n');
    const at = (user: string): string => {
      const path = new RegExp(String.raw`\\?/home\\?/${user}`, 'u');
      const line = lines.findIndex((l) => path.test(l));
      return `posix:${user}@${line + 1}:${(lines[line] as string).search(path) + 1}`;
    };
    expect(scan('a.tsx', text)).toEqual(['ana', 'bob', 'carl', 'dora', 'eve', 'fay', 'gus', 'hal', 'ivy', 'joe', 'lea', 'max'].map(at));
  });

  it('visits every comment exactly once: leading, trailing, between arguments, JSDoc, in JSX, at the end, shebang', () => {
    const text = [
      '#!/home/ana/bin/node',
      '/** @file /home/bob/x */',
      'call(a, /* /home/carl */ b) // /home/dora',
      'const el = (',
      '  <div /* /home/eve */ id="x">',
      '    {/* /home/fay */}',
      '    {x /* /home/gus */}',
      '  </div>',
      ');',
      'function f(/* /home/hal */) {} /* /home/ivy */ /* /home/joe */',
      '// /home/kim',
    ].join('\r\n');
    const found = users('x.jsx', text);
    expect(found).toEqual(['ana', 'bob', 'carl', 'dora', 'eve', 'fay', 'gus', 'hal', 'ivy', 'joe', 'kim']);
  });

  it('does not take JSX text that looks like a comment for one, nor report it twice', () => {
    expect(users('a.tsx', 'const a = <p>// see /home/ana</p>;')).toEqual(['ana']);
    expect(scanSource(ts, 'a.tsx', 'const a = <p>// see /home/ana</p>;').matches.map((m) => m.start)).toEqual([20]);
  });

  it('maps offsets to the file and keeps pathEnd inside the literal', () => {
    const text = 'const x = 1;\nrun("C:\\\\Users\\\\ana\\\\app") + `/Users/bob/y`;';
    const [a, b] = scanSource(ts, 'a.ts', text).matches as [HomePathMatch, HomePathMatch];
    expect(text.slice(a.start, a.end)).toBe('C:\\\\Users\\\\ana');
    expect(text.slice(a.start, a.pathEnd)).toBe('C:\\\\Users\\\\ana\\\\app');
    expect(text.slice(b.start, b.pathEnd)).toBe('/Users/bob/y');
  });

  it('judges a template part by its neighbours: ${root}/home/ana is not a start, https://${host}/home/x is a URL', () => {
    expect(users('a.ts', 'const p = `${root}/home/ana/x`; const u = `https://${host}/home/bob`; const q = `${a}:/home/carl`;')).toEqual(['carl']);
  });

  it('parses JSX in .js, .jsx and .tsx, TypeScript syntax in .ts, .mts and .cts', () => {
    expect(users('a.js', 'export const A = () => <a title="/home/ana">/home/bob</a>;')).toEqual(['ana', 'bob']);
    expect(users('a.jsx', 'export const A = () => <b>/home/ana</b>;')).toEqual(['ana']);
    expect(users('a.mjs', "import x from 'y'; x('/home/ana');")).toEqual(['ana']);
    expect(users('a.cjs', "module.exports = '/home/ana';")).toEqual(['ana']);
    expect(users('a.mts', "const a = <string>'/home/ana';")).toEqual(['ana']);
    expect(users('a.cts', "const a: string = '/home/ana' as const;")).toEqual(['ana']);
    expect(users('A.TSX', 'const A = <B c="/home/ana" />;')).toEqual(['ana']);
  });
});

describe('scanSource: code context', () => {
  it('leaves out routes and URLs given to routers, HTTP clients and navigation', () => {
    const text = [
      "import express from 'express';",
      "import axios from 'axios';",
      "import { redirect as go } from 'next/navigation';",
      "app.get('/home/feed', (req, res) => res.redirect(302, '/home/login'));",
      "router.post('/home/ana', h);",
      "fetch('/home/bob'); axios.get('/home/carl'); go('/home/dora'); axios('/home/eve');",
      "this.router.navigate(['/home/x']); history.push('/home/fay'); location.href = '/home/gus';",
      "const routes = [{ path: '/home/hal', component: Home }];",
      "const el = <Link href='/home/ivy'><Route path='/home/joe' /></Link>;",
      "http.request({ path: '/home/kim' });",
      "new URL('/home/lea', base);",
    ].join('\n');
    expect(users('routes.tsx', text)).toEqual([]);
  });

  it('reports file paths in fs, path, child_process, require and import calls', () => {
    const text = [
      "import fs from 'node:fs';",
      "import { join } from 'path';",
      "fs.promises.readFile('/home/ana/x'); fs.readFileSync('/home/bob/y');",
      "join('/home/carl', 'z'); spawn('/home/dora/bin/tool'); exec('/home/eve/run.sh');",
      "require('/home/fay/lib'); import('/home/gus/mod.js');",
      "express.static('/home/hal/public'); res.sendFile('/Users/ivy/index.html');",
      "dotenv.config({ path: '/home/joe/.env' });",
      "const list = []; list.push('/home/kim/a');",
    ].join('\n');
    expect(users('files.ts', text)).toEqual(['ana', 'bob', 'carl', 'dora', 'eve', 'fay', 'gus', 'hal', 'ivy', 'joe', 'kim']);
  });

  it('reports ~/ given to Node path APIs, resolved through imports and requires', () => {
    const text = [
      "import * as fs from 'node:fs';",
      "import { readFile as rf } from 'fs/promises';",
      "import cpDefault from 'child_process';",
      "import pathEq = require('path');",
      "const { execFileSync: run, exec } = require('node:child_process');",
      "const fsp = require('fs').promises;",
      "const p = await import('node:path');",
      "fs.readFileSync('~/a');",
      "rf(`~/b/${name}`);",
      "cpDefault.spawn('~/c');",
      "pathEq.join('~/d');",
      "run('~/e');",
      "fsp.readFile('~/f');",
      "p.resolve('~/g');",
      "require('fs').existsSync('~/h');",
      "fs.readFileSync(flag ? '~/i' : '~/j');",
      "fs.readFileSync('~/k' + name);",
    ].join('\n');
    const matches = scanSource(ts, 'tilde.ts', text).matches;
    expect(matches.map((m) => [m.form, m.user, m.text, text.slice(m.start, m.pathEnd)])).toEqual(
      ['a', 'b/', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'].map((rest) => ['tilde', '', '~', `~/${rest}`]),
    );
  });

  it('does not report ~/ elsewhere', () => {
    const text = [
      "import { readFileSync } from 'my-virtual-fs';",
      "import { exec } from 'child_process';",
      "readFileSync('~/a');",
      "exec('~/b.sh');",
      "console.log('~/c');",
      "fs.writeFileSync('out.txt', '~/d');",
      "import x from '~/components/x';",
      "const y = require('~/lib/y');",
      "// fs.readFileSync('~/e')",
      "const z = `~/f`;",
    ].join('\n');
    expect(scanSource(ts, 'a.ts', text).matches).toEqual([]);
  });

  it('reports URLs of other schemes and every path in a literal that starts with a web URL', () => {
    const text = [
      "const db = 'sqlite:////home/ana/app.db';",
      "const dep = 'git+file:///home/bob/repo';",
      "throw new Error('https://registry.npmjs.org unreachable; cache kept in /home/carl/.npm');",
      'const msg = `http://localhost:3000 serving C:\\\\Users\\\\dora\\\\site`;',
      "fetch('https://example.com/home/eve'); const ws = new WebSocket('wss://host/Users/fay');",
    ].join('\n');
    expect(scan('urls.ts', text)).toEqual(['posix:ana@1:23', 'file-url:bob@2:18', 'posix:carl@3:72', 'windows:dora@4:44']);
  });

  it('takes path, to, prefix and href for routes only in a route’s company', () => {
    const text = [
      "module.exports = { output: { path: '/Users/ana/proj/build', filename: 'x.js' } };",
      "new CopyPlugin({ patterns: [{ from: 'public', to: '/home/bob/www' }] });",
      "const npmrc = { prefix: '/home/carl/.npm-global' }; const home = { path: '/home/dora' };",
      "obj.path = '/home/eve/x';",
      // Routes: route siblings, request options, router calls, JSX, location.href.
      "const routes = [{ path: '/home/feed', component: Feed }, { path: '/home/list', redirect: '/home/feed' }];",
      "http.request({ hostname: 'api', path: '/home/timeline' }); router.push({ path: '/home/welcome' });",
      "const nav = [{ href: '/home/inbox', label: 'Inbox' }]; location.href = '/home/start';",
      "const el = <Link to='/home/messages'><a href='/Users/settings'>x</a></Link>;",
      "fastify.register(plugin, { prefix: '/home/api' });",
    ].join('\n');
    expect(users('config.tsx', text)).toEqual(['ana', 'bob', 'carl', 'dora', 'eve']);
  });

  it('takes the right operand of + for the route, not for ~/', () => {
    const text = ["fetch(API + '/home/feed'); axios.get(base + '/Users/profile');", "fs.readFileSync(dir + '/home/ana/x'); fs.readFileSync(dir + '~/y');"].join('\n');
    expect(users('plus.ts', text)).toEqual(['ana']);
  });

  it('counts HTTP-method names as routes only on router and HTTP-client receivers', () => {
    const text = "map.get('/home/ana/x'); store.delete('/home/bob/x'); cache.get('/home/carl/x'); api.get('/home/feed'); this.http.delete('/home/x');";
    expect(users('methods.ts', text)).toEqual(['ana', 'bob', 'carl']);
  });

  it('reports a path right after a block-comment opener, not a name running into an expression', () => {
    expect(scan('c.ts', '/*/home/ana/x*/\nconst a = `/home/bob-${x}`;')).toEqual(['posix:ana@1:3']);
  });

  it('cuts a ~/ path where the detector cuts any path before applying allowPatterns', () => {
    expect(scanSource(ts, 'a.ts', "fs.readFileSync('~/a:b');", { allowPatterns: ['^~/a$'] }).matches).toEqual([]);
  });

  it('applies the options to text and tilde matches', () => {
    const text = "fs.readFileSync('~/.config/x'); fs.readFileSync('~/y'); f('/home/ci-bot/z', '/home/ana/.cache/w', '/home/bob');";
    const found = scanSource(ts, 'a.ts', text, { allowUsers: ['ci-bot'], allowPatterns: ['^~/\\.config/', '/\\.cache/'] }).matches;
    expect(found.map((m) => m.user || m.text)).toEqual(['~', 'bob']);
  });
});

describe('scanSource: parsing', () => {
  it('falls back to the text scan on a syntax error, naming line and column', () => {
    const text = "const ok = 1;\nconst = '/home/ana/x';\napp.get('/home/feed');";
    const result = scanSource(ts, 'broken.ts', text);
    expect(result.parseError).toMatch(/^2:7: Variable declaration expected\./u);
    // The text scan still knows a route call when it sees one on the line.
    expect(result.matches.map((m) => m.user)).toEqual(['ana']);
  });

  it('does not parse a file without candidates', () => {
    const trap = new Proxy(ts, {
      get(target, key) {
        if (key === 'createSourceFile') throw new Error('parsed a file without candidates');
        return Reflect.get(target, key);
      },
    });
    expect(scanSource(trap, 'a.ts', 'const home = "https://example.com"; // no paths\n')).toEqual({ matches: [] });
    expect(scanSource(trap, 'a.ts', 'const url = "https://example.com/home/ana";')).toEqual({ matches: [] });
    expect(() => scanSource(trap, 'a.ts', "fs.readFileSync('~/x');")).toThrow(/parsed/u);
  });

  it('takes the typescript module however it was imported (tsc checks this file too)', () => {
    expect(scanSource(tsNamespace, 'a.ts', "const a = '/home/ana';").matches.map((m) => m.user)).toEqual(['ana']);
  });

  it('handles an empty file and a file that is only a comment', () => {
    expect(scanSource(ts, 'a.ts', '').matches).toEqual([]);
    expect(users('a.ts', '// /home/ana')).toEqual(['ana']);
  });

  it('scans a large file in reasonable time', () => {
    const body = "export function f(x: number): number { return x + 1; } // helper\nconst s = 'text';\n".repeat(20_000);
    const text = `${body}const p = '/home/ana/x';\n${body}`;
    const t0 = performance.now();
    expect(users('big.ts', text)).toEqual(['ana']);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});
