import type { Rule } from 'eslint';
import preferUsing from '../../src/rules/prefer-using.js';
import { BROWSER, GUARD, lines, typedRuleTester } from '../support/typedRuleTester.js';

// typescript-eslint types rules for its own RuleContext; ESLint's RuleTester takes the same object.
const rule = preferUsing as unknown as Rule.RuleModule;


// Reported at the declaration (`const x = …`); the suggestion declares it with `using` or
// `await using` and takes the release out of the finally block. Every output is valid TypeScript.
typedRuleTester().run('prefer-using', rule, {
  valid: [
    // `using` already.
    lines(
      GUARD,
      'export function rename(accounts: Map<string, string>, id: string, name: string): void {',
      '  using guard = lock(id);',
      '  accounts.set(id, name);',
      '}',
    ),
    // Not a Disposable: a pg client released in `finally` has no `using` form.
    lines(
      "import type { Pool } from 'pg';",
      'export async function ping(pool: Pool): Promise<void> {',
      '  const client = await pool.connect();',
      '  try {',
      "    await client.query('SELECT 1');",
      '  } finally {',
      '    client.release();',
      '  }',
      '}',
    ),
    // Released, but not in a `finally` block.
    lines(
      GUARD,
      'export function rename(accounts: Map<string, string>, id: string, name: string): void {',
      '  const guard = lock(id);',
      '  guard[Symbol.dispose]();',
      '  accounts.set(id, name);',
      '}',
    ),
    // A parameter is not the function's to dispose of.
    lines(
      GUARD,
      'export function rename(guard: Guard, accounts: Map<string, string>, id: string, name: string): void {',
      '  try {',
      '    accounts.set(id, name);',
      '  } finally {',
      '    guard[Symbol.dispose]();',
      '  }',
      '}',
    ),
    // Several declarators in one statement: `using` would take them all, so it is left alone.
    lines(
      GUARD,
      'export function rename(accounts: Map<string, string>, id: string, name: string): number {',
      '  const guard = lock(id), started = 0;',
      '  try {',
      '    accounts.set(id, name);',
      '    return started;',
      '  } finally {',
      '    guard[Symbol.dispose]();',
      '  }',
      '}',
    ),
  ],
  invalid: [
    // The try statement goes when its finally held only the release.
    {
      code: lines(
        GUARD,
        'export function rename(accounts: Map<string, string>, id: string, name: string): void {',
        '  const guard = lock(id);',
        '  try {',
        '    accounts.set(id, name);',
        '  } finally {',
        '    guard[Symbol.dispose]();',
        '  }',
        '}',
      ),
      errors: [
        {
          messageId: 'preferUsing',
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 25,
          suggestions: [
            {
              messageId: 'declareWithUsing',
              data: { name: 'guard', keyword: 'using' },
              output: lines(
                GUARD,
                'export function rename(accounts: Map<string, string>, id: string, name: string): void {',
                '  using guard = lock(id);',
                '  accounts.set(id, name);',
                '}',
              ),
            },
          ],
        },
      ],
    },
    // An awaited close() gives `await using`; the body keeps its declarations, one level out.
    {
      code: lines(
        "import { open } from 'node:fs/promises';",
        'export async function header(path: string): Promise<Buffer> {',
        "  const handle = await open(path, 'r');",
        '  try {',
        '    const { buffer } = await handle.read(Buffer.alloc(4), 0, 4, 0);',
        '    return buffer;',
        '  } finally {',
        '    await handle.close();',
        '  }',
        '}',
      ),
      errors: [
        {
          messageId: 'preferUsing',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 39,
          suggestions: [
            {
              messageId: 'declareWithUsing',
              data: { name: 'handle', keyword: 'await using' },
              output: lines(
                "import { open } from 'node:fs/promises';",
                'export async function header(path: string): Promise<Buffer> {',
                "  await using handle = await open(path, 'r');",
                '  const { buffer } = await handle.read(Buffer.alloc(4), 0, 4, 0);',
                '  return buffer;',
                '}',
              ),
            },
          ],
        },
      ],
    },
    {
      code: lines(
        BROWSER,
        'export async function title(): Promise<string> {',
        '  const browser = await launch();',
        '  try {',
        '    return await browser.newPage();',
        '  } finally {',
        '    await browser[Symbol.asyncDispose]();',
        '  }',
        '}',
      ),
      errors: [
        {
          messageId: 'preferUsing',
          line: 8,
          column: 3,
          endLine: 8,
          endColumn: 33,
          suggestions: [
            {
              messageId: 'declareWithUsing',
              data: { name: 'browser', keyword: 'await using' },
              output: lines(
                BROWSER,
                'export async function title(): Promise<string> {',
                '  await using browser = await launch();',
                '  return await browser.newPage();',
                '}',
              ),
            },
          ],
        },
      ],
    },
    // With a catch clause, only the finally block goes.
    {
      code: lines(
        GUARD,
        'export function rename(accounts: Map<string, string>, id: string, name: string): void {',
        '  const guard = lock(id);',
        '  try {',
        '    accounts.set(id, name);',
        '  } catch (error) {',
        '    console.error(error);',
        '  } finally {',
        '    guard[Symbol.dispose]();',
        '  }',
        '}',
      ),
      errors: [
        {
          messageId: 'preferUsing',
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 25,
          suggestions: [
            {
              messageId: 'declareWithUsing',
              data: { name: 'guard', keyword: 'using' },
              output: lines(
                GUARD,
                'export function rename(accounts: Map<string, string>, id: string, name: string): void {',
                '  using guard = lock(id);',
                '  try {',
                '    accounts.set(id, name);',
                '  } catch (error) {',
                '    console.error(error);',
                '  }',
                '}',
              ),
            },
          ],
        },
      ],
    },
    // Other statements in the finally block stay.
    {
      code: lines(
        GUARD,
        'export function rename(accounts: Map<string, string>, id: string, name: string): void {',
        '  const guard = lock(id);',
        '  try {',
        '    accounts.set(id, name);',
        '  } finally {',
        '    guard[Symbol.dispose]();',
        "    console.log('renamed', id);",
        '  }',
        '}',
      ),
      errors: [
        {
          messageId: 'preferUsing',
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 25,
          suggestions: [
            {
              messageId: 'declareWithUsing',
              data: { name: 'guard', keyword: 'using' },
              output: lines(
                GUARD,
                'export function rename(accounts: Map<string, string>, id: string, name: string): void {',
                '  using guard = lock(id);',
                '  try {',
                '    accounts.set(id, name);',
                '  } finally {',
                "    console.log('renamed', id);",
                '  }',
                '}',
              ),
            },
          ],
        },
      ],
    },
    // A declaration in the body that would clash with a name around it keeps its block.
    {
      code: lines(
        GUARD,
        'export function label(id: string): string {',
        '  const text = `#${id}`;',
        '  const guard = lock(id);',
        '  try {',
        '    const text = id.toUpperCase();',
        '    return text;',
        '  } finally {',
        '    guard[Symbol.dispose]();',
        '  }',
        '}',
      ),
      errors: [
        {
          messageId: 'preferUsing',
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 25,
          suggestions: [
            {
              messageId: 'declareWithUsing',
              data: { name: 'guard', keyword: 'using' },
              output: lines(
                GUARD,
                'export function label(id: string): string {',
                '  const text = `#${id}`;',
                '  using guard = lock(id);',
                '  {',
                '    const text = id.toUpperCase();',
                '    return text;',
                '  }',
                '}',
              ),
            },
          ],
        },
      ],
    },
  ],
});
