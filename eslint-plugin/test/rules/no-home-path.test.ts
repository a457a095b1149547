import { Linter, RuleTester } from 'eslint';
import type { Rule } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import noHomePath from '../../src/rules/no-home-path.js';

// typescript-eslint types rules for its own RuleContext; ESLint's RuleTester takes the same object.
const rule = noHomePath as unknown as Rule.RuleModule;

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const lines = (...text: string[]): string => text.join('\n');

const esm = new RuleTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } });
const commonjs = new RuleTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' } });
const jsx = new RuleTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } } });
const typescript = new RuleTester({ languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } } });

const IMPORT_OS = "import os from 'node:os';";
const IMPORT_PATH = "import path from 'node:path';";

esm.run('no-home-path', rule, {
  valid: [
    "const dir = path.join(os.homedir(), 'projects');",
    "const dir = '/home';",
    "const dir = '/homework/ana';",
    // Routes and HTTP paths are not files.
    "app.get('/home/feed', handler);",
    "fetch('/home/x');",
    "this.router.post('/Users/settings', handler);",
    // URLs are not paths on this machine.
    "const u = 'https://example.com/home/ana/profile';",
    '// see https://example.com/Users/ana for the profile page',
    // CI and container accounts are allowed by default.
    "const workspace = '/home/runner/repo/app';",
    // `~/` outside Node's path APIs is just text.
    "const label = '~/projects';",
    "console.log('~/projects');",
    "someLib.readFile('~/projects');",
    "import { get } from 'lodash'; get(config, '~/projects');",
    "import fs from 'node:fs'; fs.readFileSync('~projects');",
    // A shell expands `~`: exec and execSync are fine.
    "import { execSync } from 'node:child_process'; execSync('~/bin/deploy');",
    // Route keys and URLs built around an expression.
    "const link = { url: '/home/feed' };",
    'const u = `https://${host}/home/ana`;',
    // A path right after an expression does not start at /home.
    'const p = `${mountPoint}/home/ana/x`;',
    { code: "const a = '/home/ana/x'; // and /Users/Ana/y", options: [{ allowUsers: ['ana'] }] },
  ],
  invalid: [
    {
      code: "const a = '/home/ana/projects/app';",
      errors: [
        {
          messageId: 'homePath',
          line: 1,
          column: 12,
          endLine: 1,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'useHomedirAndDeclare',
              data: { replacement: "path.join(os.homedir(), 'projects/app')", declarations: `${IMPORT_OS} ${IMPORT_PATH}` },
              output: lines(IMPORT_OS, IMPORT_PATH, "const a = path.join(os.homedir(), 'projects/app');"),
            },
          ],
        },
      ],
    },
    {
      code: lines(IMPORT_OS, IMPORT_PATH, 'const a = "/Users/ana/app/data.json";'),
      errors: [
        {
          messageId: 'homePath',
          line: 3,
          column: 12,
          endLine: 3,
          endColumn: 22,
          suggestions: [{ messageId: 'useHomedir', output: lines(IMPORT_OS, IMPORT_PATH, 'const a = path.join(os.homedir(), "app/data.json");') }],
        },
      ],
    },
    {
      code: lines("import * as nodePath from 'path';", "import { readFileSync } from 'node:fs';", "const a = '/home/ana/x';"),
      errors: [
        {
          messageId: 'homePath',
          line: 3,
          column: 12,
          endLine: 3,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'useHomedirAndDeclare',
              output: lines("import * as nodePath from 'path';", "import { readFileSync } from 'node:fs';", IMPORT_OS, "const a = nodePath.join(os.homedir(), 'x');"),
            },
          ],
        },
      ],
    },
    {
      code: "const home = '/home/ana';",
      errors: [{ messageId: 'homePath', line: 1, column: 15, endLine: 1, endColumn: 24, suggestions: [{ messageId: 'useHomedirAndDeclare', output: lines(IMPORT_OS, 'const home = os.homedir();') }] }],
    },
    {
      code: lines(IMPORT_OS, "const home = '/Users/ana/';"),
      errors: [{ messageId: 'homePath', line: 2, column: 15, endLine: 2, endColumn: 25, suggestions: [{ messageId: 'useHomedir', output: lines(IMPORT_OS, 'const home = os.homedir();') }] }],
    },
    {
      code: lines('#!/usr/bin/env node', '// Settings, copied from the old box.', "const a = '/home/ana/x';"),
      errors: [
        {
          messageId: 'homePath',
          line: 3,
          column: 12,
          endLine: 3,
          endColumn: 21,
          suggestions: [{ messageId: 'useHomedirAndDeclare', output: lines('#!/usr/bin/env node', '// Settings, copied from the old box.', IMPORT_OS, IMPORT_PATH, "const a = path.join(os.homedir(), 'x');") }],
        },
      ],
    },
    {
      code: lines("import fs from 'node:fs';", "fs.readFileSync('/home/ana/x');"),
      errors: [
        {
          messageId: 'homePath',
          line: 2,
          column: 18,
          endLine: 2,
          endColumn: 27,
          suggestions: [{ messageId: 'useHomedirAndDeclare', output: lines("import fs from 'node:fs';", IMPORT_OS, IMPORT_PATH, "fs.readFileSync(path.join(os.homedir(), 'x'));") }],
        },
      ],
    },
    // No suggestion: the literal does not start with the home directory, or holds more than that path.
    { code: "const cmd = 'cd /home/ana/app';", errors: [{ messageId: 'homePath', line: 1, column: 17, endLine: 1, endColumn: 26, suggestions: [] }] },
    { code: "const args = '/home/ana/x /tmp/y';", errors: [{ messageId: 'homePath', line: 1, column: 15, endLine: 1, endColumn: 24, suggestions: [] }] },
    {
      code: "const search = '/home/ana/bin:/Users/bob/bin';",
      errors: [
        { messageId: 'homePath', line: 1, column: 17, endLine: 1, endColumn: 26, suggestions: [] },
        { messageId: 'homePath', line: 1, column: 31, endLine: 1, endColumn: 41, suggestions: [] },
      ],
    },
    // No suggestion: `os` or `path` is bound to something else where the literal is.
    { code: "const os = getOs();\nconst a = '/home/ana/x';", errors: [{ messageId: 'homePath', line: 2, column: 12, endLine: 2, endColumn: 21, suggestions: [] }] },
    { code: "import os from 'my-os';\nconst a = '/home/ana';", errors: [{ messageId: 'homePath', line: 2, column: 12, endLine: 2, endColumn: 21, suggestions: [] }] },
    { code: "import { join as path } from 'node:path';\nconst a = '/home/ana/x';", errors: [{ messageId: 'homePath', line: 2, column: 12, endLine: 2, endColumn: 21, suggestions: [] }] },
    { code: "import os from 'node:os';\nfunction f(os) { return '/home/ana'; }", errors: [{ messageId: 'homePath', line: 2, column: 26, endLine: 2, endColumn: 35, suggestions: [] }] },
    // No suggestion where no expression may stand.
    { code: "import data from '/home/ana/data.js';", errors: [{ messageId: 'homePath', line: 1, column: 19, endLine: 1, endColumn: 28, suggestions: [] }] },
    { code: "const o = { '/home/ana/x': 1 };", errors: [{ messageId: 'homePath', line: 1, column: 14, endLine: 1, endColumn: 23, suggestions: [] }] },
    { code: 'const t = String.raw`/home/ana/x`;', errors: [{ messageId: 'homePath', line: 1, column: 22, endLine: 1, endColumn: 31, suggestions: [] }] },
    // Template literals, quasi by quasi.
    {
      code: 'const t = `/home/ana/x`;',
      errors: [{ messageId: 'homePath', line: 1, column: 12, endLine: 1, endColumn: 21, suggestions: [{ messageId: 'useHomedirAndDeclare', output: lines(IMPORT_OS, IMPORT_PATH, "const t = path.join(os.homedir(), 'x');") }] }],
    },
    { code: 'const t = `${root}:/home/ana/x`;', errors: [{ messageId: 'homePath', line: 1, column: 20, endLine: 1, endColumn: 29, suggestions: [] }] },
    { code: 'const t = `/home/ana/${file}`;', errors: [{ messageId: 'homePath', line: 1, column: 12, endLine: 1, endColumn: 21, suggestions: [] }] },
    { code: 'const t = `first line\n  second: /Users/bob/x`;', errors: [{ messageId: 'homePath', line: 2, column: 11, endLine: 2, endColumn: 21, suggestions: [] }] },
    // Comments: line, block, multi-line block, JSDoc.
    { code: '// copied from /home/ana/notes', errors: [{ messageId: 'homePath', line: 1, column: 16, endLine: 1, endColumn: 25 }] },
    { code: 'run(); /* see /Users/bob/x */', errors: [{ messageId: 'homePath', line: 1, column: 15, endLine: 1, endColumn: 25 }] },
    { code: '/*\n * Setup:\n *   cp a /home/ana/b\n */\nrun();', errors: [{ messageId: 'homePath', line: 3, column: 11, endLine: 3, endColumn: 20 }] },
    { code: '/** @param dir defaults to /Users/ana/app */\nfunction f(dir) {}', errors: [{ messageId: 'homePath', line: 1, column: 28, endLine: 1, endColumn: 38 }] },
    // `~/` given to Node's fs, fs/promises, path and child_process APIs.
    {
      code: lines("import fs from 'node:fs';", "fs.readFileSync('~/x/y.json');"),
      errors: [
        {
          messageId: 'tildePath',
          line: 2,
          column: 18,
          endLine: 2,
          endColumn: 19,
          suggestions: [{ messageId: 'useHomedirAndDeclare', output: lines("import fs from 'node:fs';", IMPORT_OS, IMPORT_PATH, "fs.readFileSync(path.join(os.homedir(), 'x/y.json'));") }],
        },
      ],
    },
    {
      code: lines("import { readFile } from 'node:fs/promises';", "await readFile('~/notes.txt', 'utf8');"),
      errors: [
        {
          messageId: 'tildePath',
          line: 2,
          column: 17,
          endLine: 2,
          endColumn: 18,
          suggestions: [{ messageId: 'useHomedirAndDeclare', output: lines("import { readFile } from 'node:fs/promises';", IMPORT_OS, IMPORT_PATH, "await readFile(path.join(os.homedir(), 'notes.txt'), 'utf8');") }],
        },
      ],
    },
    {
      code: lines("import path from 'node:path';", "const p = path.resolve('~/x');"),
      errors: [{ messageId: 'tildePath', line: 2, column: 25, endLine: 2, endColumn: 26, suggestions: [{ messageId: 'useHomedirAndDeclare', output: lines("import path from 'node:path';", IMPORT_OS, "const p = path.resolve(path.join(os.homedir(), 'x'));") }] }],
    },
    {
      code: lines("import { execFileSync } from 'node:child_process';", "execFileSync('~/bin/deploy');"),
      errors: [
        {
          messageId: 'tildePath',
          line: 2,
          column: 15,
          endLine: 2,
          endColumn: 16,
          suggestions: [{ messageId: 'useHomedirAndDeclare', output: lines("import { execFileSync } from 'node:child_process';", IMPORT_OS, IMPORT_PATH, "execFileSync(path.join(os.homedir(), 'bin/deploy'));") }],
        },
      ],
    },
    // No suggestion for an operand of `+`: os.homedir() + name would lose the separator.
    { code: lines("import fs from 'node:fs';", "fs.readFileSync('~/' + name);"), errors: [{ messageId: 'tildePath', line: 2, column: 18, endLine: 2, endColumn: 19, suggestions: [] }] },
    { code: "const file = '/home/ana/' + name;", errors: [{ messageId: 'homePath', line: 1, column: 15, endLine: 1, endColumn: 24, suggestions: [] }] },
    // A path key whose value is plainly a file is no route.
    {
      code: "dotenv.config({ path: '/home/ana/.env' });",
      errors: [{ messageId: 'homePath', line: 1, column: 24, endLine: 1, endColumn: 33, suggestions: [{ messageId: 'useHomedirAndDeclare', output: lines(IMPORT_OS, IMPORT_PATH, "dotenv.config({ path: path.join(os.homedir(), '.env') });") }] }],
    },
    // Regular expressions, with `/` escaped as it must be there.
    { code: 'const re = /^\\/home\\/ana\\//u;', errors: [{ messageId: 'homePath', line: 1, column: 14, endLine: 1, endColumn: 25 }] },
    {
      code: lines("import { readFileSync as read } from 'fs';", IMPORT_OS, IMPORT_PATH, "read('~/');"),
      errors: [{ messageId: 'tildePath', line: 4, column: 7, endLine: 4, endColumn: 8, suggestions: [{ messageId: 'useHomedir', output: lines("import { readFileSync as read } from 'fs';", IMPORT_OS, IMPORT_PATH, 'read(os.homedir());') }] }],
    },
    {
      code: lines("import fs from 'node:fs';", 'fs.readFileSync(`~/x`);'),
      errors: [{ messageId: 'tildePath', line: 2, column: 18, endLine: 2, endColumn: 19, suggestions: [{ messageId: 'useHomedirAndDeclare', output: lines("import fs from 'node:fs';", IMPORT_OS, IMPORT_PATH, "fs.readFileSync(path.join(os.homedir(), 'x'));") }] }],
    },
    { code: lines("import fs from 'node:fs';", 'fs.readFileSync(`~/${name}`);'), errors: [{ messageId: 'tildePath', line: 2, column: 18, endLine: 2, endColumn: 19, suggestions: [] }] },
    { code: lines("import fs from 'node:fs';", "fs.readFileSync('~/my notes.txt');"), errors: [{ messageId: 'tildePath', line: 2, column: 18, endLine: 2, endColumn: 19, suggestions: [] }] },
    // allowUsers is per user: the others are still reported.
    {
      code: "const a = ['/home/ana/x', '/home/bob/x'];",
      options: [{ allowUsers: ['ANA'] }],
      errors: [{ messageId: 'homePath', line: 1, column: 28, endLine: 1, endColumn: 37, suggestions: [{ messageId: 'useHomedirAndDeclare', output: lines(IMPORT_OS, IMPORT_PATH, "const a = ['/home/ana/x', path.join(os.homedir(), 'x')];") }] }],
    },
  ],
});

commonjs.run('no-home-path (CommonJS)', rule, {
  valid: ["const fs = require('fs');\nfs.readFileSync(require('os').homedir() + '/x');", "const { readFile } = require('some-lib');\nreadFile('~/x');"],
  invalid: [
    {
      code: lines("const fs = require('fs');", "fs.readFileSync('~/x');"),
      errors: [
        {
          messageId: 'tildePath',
          line: 2,
          column: 18,
          endLine: 2,
          endColumn: 19,
          suggestions: [
            {
              messageId: 'useHomedirAndDeclare',
              data: { replacement: "path.join(os.homedir(), 'x')", declarations: "const os = require('node:os'); const path = require('node:path');" },
              output: lines("const fs = require('fs');", "const os = require('node:os');", "const path = require('node:path');", "fs.readFileSync(path.join(os.homedir(), 'x'));"),
            },
          ],
        },
      ],
    },
    {
      code: lines("const { readFileSync: read } = require('node:fs');", "const os = require('os');", "read('~/x');"),
      errors: [
        {
          messageId: 'tildePath',
          line: 3,
          column: 7,
          endLine: 3,
          endColumn: 8,
          suggestions: [{ messageId: 'useHomedirAndDeclare', output: lines("const { readFileSync: read } = require('node:fs');", "const os = require('os');", "const path = require('node:path');", "read(path.join(os.homedir(), 'x'));") }],
        },
      ],
    },
    {
      code: lines("'use strict';", "const dir = '/home/ana/app';"),
      errors: [{ messageId: 'homePath', line: 2, column: 14, endLine: 2, endColumn: 23, suggestions: [{ messageId: 'useHomedirAndDeclare', output: lines("'use strict';", "const os = require('node:os');", "const path = require('node:path');", "const dir = path.join(os.homedir(), 'app');") }] }],
    },
    {
      // The declarations go before the statement that uses them (a const is not hoisted).
      code: lines("const config = require('/home/ana/config.json');", "const fs = require('fs');"),
      errors: [
        {
          messageId: 'homePath',
          line: 1,
          column: 25,
          endLine: 1,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'useHomedirAndDeclare',
              output: lines("const os = require('node:os');", "const path = require('node:path');", "const config = require(path.join(os.homedir(), 'config.json'));", "const fs = require('fs');"),
            },
          ],
        },
      ],
    },
  ],
});

jsx.run('no-home-path (JSX)', rule, {
  valid: ['const a = <a href="https://example.com/home/ana">profile</a>;', 'const p = <p>~/projects</p>;', 'const l = <Link to="/home/feed">feed</Link>;'],
  invalid: [
    {
      code: 'const v = <Viewer file="/home/ana/docs" />;',
      errors: [{ messageId: 'homePath', line: 1, column: 25, endLine: 1, endColumn: 34, suggestions: [{ messageId: 'useHomedirAndDeclare', output: lines(IMPORT_OS, IMPORT_PATH, "const v = <Viewer file={path.join(os.homedir(), 'docs')} />;") }] }],
    },
    { code: "const v = <Viewer file={'/home/ana/docs'} />;", errors: [{ messageId: 'homePath', line: 1, column: 26, endLine: 1, endColumn: 35, suggestions: [{ messageId: 'useHomedirAndDeclare', output: lines(IMPORT_OS, IMPORT_PATH, "const v = <Viewer file={path.join(os.homedir(), 'docs')} />;") }] }] },
    { code: 'const p = <p>\n  Logs are in /Users/bob/logs\n</p>;', errors: [{ messageId: 'homePath', line: 2, column: 15, endLine: 2, endColumn: 25 }] },
  ],
});

typescript.run('no-home-path (TypeScript parser)', rule, {
  valid: ["const dir: string = path.join(os.homedir(), 'projects');", "app.get<Route>('/home/feed', handler);", "const label: string = '~/x';"],
  invalid: [
    {
      code: "const dir: string = '/home/ana/x' as string;",
      errors: [{ messageId: 'homePath', line: 1, column: 22, endLine: 1, endColumn: 31, suggestions: [{ messageId: 'useHomedirAndDeclare', output: lines(IMPORT_OS, IMPORT_PATH, "const dir: string = path.join(os.homedir(), 'x') as string;") }] }],
    },
    { code: "type Home = '/Users/ana';", errors: [{ messageId: 'homePath', line: 1, column: 14, endLine: 1, endColumn: 24, suggestions: [] }] },
    { code: 'type Under = `/home/ana/${string}`;', errors: [{ messageId: 'homePath', line: 1, column: 15, endLine: 1, endColumn: 24 }] },
    { code: "enum Dirs { Home = '/home/ana' }", errors: [{ messageId: 'homePath', line: 1, column: 21, endLine: 1, endColumn: 30, suggestions: [] }] },
    { code: "interface Config { '/home/ana': string }", errors: [{ messageId: 'homePath', line: 1, column: 21, endLine: 1, endColumn: 30, suggestions: [] }] },
    {
      code: lines("import fs = require('fs');", "fs.readFileSync('~/x' as string);"),
      errors: [
        {
          messageId: 'tildePath',
          line: 2,
          column: 18,
          endLine: 2,
          endColumn: 19,
          suggestions: [{ messageId: 'useHomedirAndDeclare', output: lines("import fs = require('fs');", "import os = require('node:os');", "import path = require('node:path');", "fs.readFileSync(path.join(os.homedir(), 'x') as string);") }],
        },
      ],
    },
    {
      code: lines("import type os from 'node:os';", "import { promises as fsp } from 'node:fs';", "await fsp.readFile('~/x');"),
      errors: [{ messageId: 'tildePath', line: 3, column: 21, endLine: 3, endColumn: 22, suggestions: [] }],
    },
    {
      code: 'const el = <img src="/Users/ana/me.png" />;',
      errors: [{ messageId: 'homePath', line: 1, column: 22, endLine: 1, endColumn: 32, suggestions: [{ messageId: 'useHomedirAndDeclare', output: lines(IMPORT_OS, IMPORT_PATH, "const el = <img src={path.join(os.homedir(), 'me.png')} />;") }] }],
    },
  ],
});

// The forms beyond Linux and macOS, and the options that change what the detector finds: the
// rule passes the raw text (escapes kept) and the options through, and maps offsets back.
esm.run('no-home-path (Windows, WSL, file: URL forms; allowPatterns, extraForms)', rule, {
  valid: [{ code: "const fixture = '/home/ana/fixtures/x';", options: [{ allowPatterns: ['^/home/[^/]+/fixtures/'] }] }],
  invalid: [
    {
      code: "const a = 'C:\\\\Users\\\\ana\\\\projects\\\\app';",
      errors: [
        {
          messageId: 'homePath',
          line: 1,
          column: 12,
          endLine: 1,
          endColumn: 26,
          suggestions: [{ messageId: 'useHomedirAndDeclare', output: lines(IMPORT_OS, IMPORT_PATH, "const a = path.join(os.homedir(), 'projects/app');") }],
        },
      ],
    },
    { code: "const a = 'C:/Users/ana/app';", errors: [{ messageId: 'homePath', line: 1, column: 12, endLine: 1, endColumn: 24, suggestions: [{ messageId: 'useHomedirAndDeclare', output: lines(IMPORT_OS, IMPORT_PATH, "const a = path.join(os.homedir(), 'app');") }] }] },
    { code: "const a = '/mnt/c/Users/ana/app';", errors: [{ messageId: 'homePath', line: 1, column: 12, endLine: 1, endColumn: 28, suggestions: [{ messageId: 'useHomedirAndDeclare', output: lines(IMPORT_OS, IMPORT_PATH, "const a = path.join(os.homedir(), 'app');") }] }] },
    { code: "const u = new URL('file:///home/ana/app/');", errors: [{ messageId: 'homePath', line: 1, column: 20, endLine: 1, endColumn: 36, suggestions: [] }] },
    { code: '// open C:\\Users\\bob\\AppData in Explorer', errors: [{ messageId: 'homePath', line: 1, column: 9, endLine: 1, endColumn: 21 }] },
    { code: 'const re = /^C:\\\\Users\\\\ana/u;', errors: [{ messageId: 'homePath', line: 1, column: 14, endLine: 1, endColumn: 28 }] },
    { code: "const a = '/var/users/ana/x';", options: [{ extraForms: ['/var/users/(?<user>[\\w.-]+)'] }], errors: [{ messageId: 'homePath', line: 1, column: 12, endLine: 1, endColumn: 26, suggestions: [{ messageId: 'useHomedirAndDeclare', output: lines(IMPORT_OS, IMPORT_PATH, "const a = path.join(os.homedir(), 'x');") }] }] },
  ],
});

// The policy's cases the reviewer found the rule and the detector got wrong.
typescript.run('no-home-path (URLs, route objects, route calls, + and arrays)', rule, {
  valid: [
    "fetch(API + '/home/feed');",
    "axios.get(base + '/Users/profile');",
    "this.router.navigate(['/home/feed']);",
    "router.navigate(['/Users/settings', id]);",
    "const routes = [{ path: '/home/feed', component: Feed }, { path: '/home/list', redirect: '/home/feed' }];",
    "http.request({ hostname: 'api', path: '/home/timeline' });",
    "router.push({ path: '/home/welcome' });",
    "const nav = [{ href: '/home/inbox', label: 'Inbox' }];",
    "location.href = '/home/start';",
    "const el = <Link to='/home/messages'><a href='/Users/settings'>x</a></Link>;",
    "fastify.register(plugin, { prefix: '/home/api' });",
    "api.get('/home/ana'); this.http.delete('/home/x');",
    "const u = 'wss://host/Users/ana/socket';",
    'const s = `/home/ana-${x}`;',
    { code: "fs.readFileSync('~/a:b');", options: [{ allowPatterns: ['^~/a$'] }] },
  ],
  invalid: [],
});

describe('no-home-path: what the policy reports that the rule used to miss', () => {
  const config: Linter.Config[] = [
    { files: ['**/*.tsx'], languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } }, plugins: { leakguard: { rules: { 'no-home-path': rule } } }, rules: { 'leakguard/no-home-path': 'error' } },
  ];
  /** `line:column-endLine:endColumn` of each report. */
  const spans = (code: string): string[] => new Linter().verify(code, config, 'x.tsx').map((m) => (m.fatal === true ? `FATAL ${m.message}` : `${m.line}:${m.column}-${m.endLine}:${m.endColumn}`));

  it.each<[string, string[]]>([
    ["const db = 'sqlite:////home/ana/app.db';", ['1:23-1:32']],
    ["const h = 'DOCKER_HOST=unix:///Users/ana/.colima/docker.sock';", ['1:31-1:41']],
    ["const dep = 'git+file:///home/ana/repo';", ['1:18-1:34']],
    ["const r = 'vscode-remote://ssh-remote+box/home/ana/proj';", ['1:42-1:51']],
    ["throw new Error('https://registry.npmjs.org unreachable; cache kept in /home/ana/.npm');", ['1:72-1:81']],
    ['const msg = `http://localhost:3000 serving C:\\\\Users\\\\ana\\\\site`;', ['1:44-1:58']],
    ["module.exports = { output: { path: '/Users/ana/proj/build', filename: 'x.js' } };", ['1:37-1:47']],
    ["new CopyPlugin({ patterns: [{ from: 'public', to: '/home/ana/www' }] });", ['1:52-1:61']],
    ["const npmrc = { prefix: '/home/ana/.npm-global' };", ['1:26-1:35']],
    ["obj.path = '/home/ana/x';", ['1:13-1:22']],
    ["map.get('/home/ana/x'); store.delete('/Users/bob/x');", ['1:10-1:19', '1:39-1:49']],
    ["const a = 'file:///C:/Users/ana/x'; const b = 'C:\\\\Users\\\\defaultuser0\\\\x'; const c = 'file:///C:/Users/All%20Users/x';", ['1:12-1:32']],
    ['/*/home/ana/x*/', ['1:3-1:12']],
    ["fs.readFileSync(dir + '/home/ana/x'); fs.readFileSync(dir + '~/y');", ['1:24-1:33']],
  ])('%s', (code, expected) => {
    expect(spans(code)).toEqual(expected);
  });
});

jsx.run('no-home-path (JSX, Windows form)', rule, {
  valid: [],
  invalid: [
    {
      // No escapes in a JSX attribute: each backslash is a separator.
      code: 'const el = <img src="C:\\Users\\ana\\me.png" />;',
      errors: [{ messageId: 'homePath', line: 1, column: 22, endLine: 1, endColumn: 34, suggestions: [{ messageId: 'useHomedirAndDeclare', output: lines(IMPORT_OS, IMPORT_PATH, "const el = <img src={path.join(os.homedir(), 'me.png')} />;") }] }],
    },
  ],
});

describe('no-home-path options', () => {
  const config = (options: unknown): Linter.Config[] => [{ plugins: { leakguard: { rules: { 'no-home-path': rule } } }, rules: { 'leakguard/no-home-path': ['error', options] } }];

  it('applies allowUsers, allowPatterns and extraForms to every kind of literal', () => {
    const options = { allowUsers: ['ana'], allowPatterns: ['^/home/bob/fixtures/', '^~/fixtures$'], extraForms: ['/srv/home/(?<user>\\w+)'] };
    const code = lines(
      "const a = '/home/ana/x'; // and C:\\Users\\Ana",
      "const b = `/home/bob/fixtures/y`; const c = '/home/bob/z';",
      "const d = '/srv/home/carl/w';",
      "fs.readFileSync('~/fixtures'); fs.readFileSync('~/fixtures:x'); fs.readFileSync('~/data');",
    );
    const reported = new Linter().verify(code, config(options)).map((m) => `${m.line}:${m.column} ${m.message.slice(0, 48)}`);
    expect(reported).toEqual([
      '2:46 hard-coded home directory of user "bob" (/home/b',
      '3:12 hard-coded home directory of user "carl" (/srv/h',
      // `~/fixtures:x` is the path `~/fixtures`, cut at `:` as the detector cuts every path.
      '4:82 "~/" is not expanded by Node.js; use path.join(o',
    ]);
  });

  it('rejects options outside the schema', () => {
    expect(() => new Linter().verify('x;', config({ allowUsers: 'ana' }))).toThrow(/leakguard\/no-home-path.*should be array/su);
    expect(() => new Linter().verify('x;', config({ allowedUsers: ['ana'] }))).toThrow(/leakguard\/no-home-path.*Unexpected property "allowedUsers"/su);
  });

  it("shows the detector's error for a pattern that is not a valid regular expression", () => {
    expect(() => new Linter().verify('x;', config({ extraForms: ['/srv/(?<user>\\w+'] }))).toThrow(/leakguard\/no-home-path.*extraForms\[0\] .* is not a valid regular expression/u);
    expect(() => new Linter().verify('x;', config({ allowPatterns: ['ok', '\\p{Nope}'] }))).toThrow(/allowPatterns\[1\] .* is not a valid regular expression/u);
    expect(() => new Linter().verify('x;', config({ extraForms: ['/srv/\\w+'] }))).toThrow(/extraForms\[0\] .* has no named group "user"/u);
  });
});
