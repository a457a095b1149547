import { Linter } from 'eslint';
import type { Rule } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import noLeakedResource from '../../src/rules/no-leaked-resource.js';
import { BROWSER, GUARD, lines, typedLanguageOptions, typedRuleTester } from '../support/typedRuleTester.js';

// typescript-eslint types rules for its own RuleContext; ESLint's RuleTester takes the same object.
const rule = noLeakedResource as unknown as Rule.RuleModule;

/** An ORM's query runner: a resource only once declared in the options. */
const QUERY_RUNNER = lines(
  'declare class QueryRunner {',
  '  query(sql: string): Promise<unknown[]>;',
  '  release(): Promise<void>;',
  '}',
  'declare class DataSource {',
  '  createQueryRunner(): QueryRunner;',
  '}',
);

// Each case is reported (or not) at the acquisition; the exact sentence is the engine's
// (`… is not released when the query at line N throws` / `… on the early return at line N`) and
// is checked in full where the rule's documentation spells it out, by its opening elsewhere.
typedRuleTester().run('no-leaked-resource', rule, {
  valid: [
    // `using` and `await using` release on every path.
    lines(
      GUARD,
      'export function rename(accounts: Map<string, string>, id: string, name: string): void {',
      '  using guard = lock(id);',
      "  if (!accounts.has(id)) throw new Error('no account');",
      '  accounts.set(id, name);',
      '}',
    ),
    lines(
      BROWSER,
      'export async function title(url: string): Promise<string> {',
      '  await using browser = await launch();',
      '  const page = await browser.newPage();',
      '  return page + url;',
      '}',
    ),
    lines(
      "import { open } from 'node:fs/promises';",
      'export async function firstLine(path: string): Promise<string> {',
      "  await using handle = await open(path, 'r');",
      "  const text = await handle.readFile('utf8');",
      "  return text.split('\\n')[0] ?? '';",
      '}',
    ),
    // Released in `finally`: the fixed twin of the COMMIT leak.
    lines(
      "import type { Pool } from 'pg';",
      'export async function runInTransaction(pool: Pool, statements: readonly string[]): Promise<void> {',
      '  const client = await pool.connect();',
      '  try {',
      "    await client.query('BEGIN');",
      '    for (const sql of statements) await client.query(sql);',
      "    await client.query('COMMIT');",
      '  } catch (error) {',
      "    await client.query('ROLLBACK');",
      '    throw error;',
      '  } finally {',
      '    client.release();',
      '  }',
      '}',
    ),
    // Released on every path, the catch rethrowing after its own release.
    lines(
      "import type { Pool } from 'pg';",
      'export async function ping(pool: Pool): Promise<void> {',
      '  const client = await pool.connect();',
      '  try {',
      "    await client.query('SELECT 1');",
      '  } catch (error) {',
      '    client.release();',
      '    throw error;',
      '  }',
      '  client.release();',
      '}',
    ),
    // mysql2, generic-pool, tarn and the leakguard pool, each released in `finally`.
    lines(
      "import type { Pool } from 'mysql2/promise';",
      'export async function findUser(pool: Pool, id: number): Promise<unknown> {',
      '  const connection = await pool.getConnection();',
      '  try {',
      "    const [rows] = await connection.query('SELECT * FROM users WHERE id = ?', [id]);",
      '    return rows;',
      '  } finally {',
      '    connection.release();',
      '  }',
      '}',
    ),
    lines(
      "import type { Pool } from 'generic-pool';",
      'export async function send(pool: Pool<{ write(data: string): Promise<void> }>, data: string): Promise<void> {',
      '  const resource = await pool.acquire();',
      '  try {',
      '    await resource.write(data);',
      '  } finally {',
      '    await pool.release(resource);',
      '  }',
      '}',
    ),
    lines(
      "import type { Pool } from 'tarn';",
      'export async function send(pool: Pool<{ write(data: string): Promise<void> }>, data: string): Promise<void> {',
      '  const resource = await pool.acquire().promise;',
      '  try {',
      '    await resource.write(data);',
      '  } finally {',
      '    pool.release(resource);',
      '  }',
      '}',
    ),
    lines(
      "import type { Pool } from '@leakguard/pool';",
      'export async function send(pool: Pool<{ write(data: string): Promise<void> }>, data: string): Promise<void> {',
      '  const lease = await pool.acquire();',
      '  try {',
      '    await lease.resource.write(data);',
      '  } finally {',
      '    lease.release();',
      '  }',
      '}',
    ),
    // A release before the first statement that can throw needs no `finally`.
    lines(
      "import fs from 'node:fs';",
      'export function isOpenable(path: string): boolean {',
      "  const fd = fs.openSync(path, 'r');",
      '  fs.closeSync(fd);',
      '  return true;',
      '}',
    ),
    // Node built-ins given the resource use it: `fs.writeSync(fd, …)` is not an escape.
    lines(
      "import fs from 'node:fs';",
      'export function writeMarker(path: string): void {',
      "  const fd = fs.openSync(path, 'w');",
      '  try {',
      "    fs.writeSync(fd, 'ok');",
      '  } finally {',
      '    fs.closeSync(fd);',
      '  }',
      '}',
    ),
    // Returned to the caller, who owns it now.
    lines(
      "import type { Pool, PoolClient } from 'pg';",
      'export async function checkout(pool: Pool): Promise<PoolClient> {',
      '  const client = await pool.connect();',
      '  return client;',
      '}',
    ),
    lines(
      "import type { Pool, PoolClient } from 'pg';",
      'export function checkout(pool: Pool): Promise<PoolClient> {',
      '  return pool.connect();',
      '}',
    ),
    // Stored in a field that the class releases in its close method.
    lines(
      "import pg from 'pg';",
      'export class Store {',
      '  private client: pg.Client | undefined;',
      '  async open(connectionString: string): Promise<void> {',
      '    this.client = new pg.Client({ connectionString });',
      '    await this.client.connect();',
      '  }',
      '  async close(): Promise<void> {',
      '    await this.client?.end();',
      '  }',
      '}',
    ),
    // Handed to a DisposableStack: `use`, `adopt` and `defer`.
    lines(
      GUARD,
      "import fs from 'node:fs';",
      'export function lockAll(keys: readonly string[], path: string): DisposableStack {',
      '  using stack = new DisposableStack();',
      '  for (const key of keys) stack.use(lock(key));',
      "  const fd = fs.openSync(path, 'r');",
      '  stack.adopt(fd, (descriptor) => fs.closeSync(descriptor));',
      '  const timer = setInterval(() => undefined, 1_000);',
      '  stack.defer(() => clearInterval(timer));',
      '  return stack.move();',
      '}',
    ),
    // Passed to another function or constructor: ownership moves.
    lines(
      "import type { Pool, PoolClient } from 'pg';",
      'declare function track(client: PoolClient): void;',
      'export async function register(pool: Pool): Promise<void> {',
      '  const client = await pool.connect();',
      '  track(client);',
      '}',
    ),
    lines(
      GUARD,
      'declare class Session {',
      '  constructor(guard: Guard);',
      '}',
      'export function open(id: string): Session {',
      '  const guard = lock(id);',
      '  return new Session(guard);',
      '}',
    ),
    // Added to a collection that the class cleans up.
    lines(
      GUARD,
      'export class Locks {',
      '  private readonly guards = new Set<Guard>();',
      '  add(key: string): void {',
      '    this.guards.add(lock(key));',
      '  }',
      '  dispose(): void {',
      '    for (const guard of this.guards) guard[Symbol.dispose]();',
      '    this.guards.clear();',
      '  }',
      '}',
    ),
    // Iterators and generator objects are Disposable since TypeScript 5.6, and never reported.
    lines(
      'function* ids(): Generator<number> {',
      '  yield 1;',
      '}',
      'export function first(map: Map<string, number>, values: number[]): number | undefined {',
      '  const entries = map.entries();',
      '  const generated = ids();',
      '  const iterator = values.values();',
      '  return entries.next().value?.[1] ?? generated.next().value ?? iterator.next().value;',
      '}',
    ),
    // One-shot timers are never reported.
    lines(
      'export function later(run: () => void): void {',
      '  const timer = setTimeout(run, 1_000);',
      '  setImmediate(run);',
      '  void timer;',
      '}',
    ),
    // Intervals: cleared in the class's stop method; unref'd in a class with no such method.
    lines(
      'export class Poller {',
      '  private timer: NodeJS.Timeout | undefined;',
      '  start(poll: () => void): void {',
      '    this.timer = setInterval(poll, 1_000);',
      '  }',
      '  stop(): void {',
      '    clearInterval(this.timer);',
      '  }',
      '}',
    ),
    lines(
      'export class Sampler {',
      '  constructor(sample: () => void) {',
      '    setInterval(sample, 1_000).unref();',
      '  }',
      '}',
    ),
    // A server listened on in a class whose close closes it.
    lines(
      "import { createServer } from 'node:http';",
      "import type { Server } from 'node:http';",
      'export class App {',
      '  private server: Server | undefined;',
      '  start(port: number): void {',
      "    this.server = createServer((_request, response) => response.end('ok'));",
      '    this.server.listen(port);',
      '  }',
      '  close(): void {',
      '    this.server?.close();',
      '  }',
      '}',
    ),
    // Not acquisitions: parameters, reads from collections, calls returning their receiver.
    lines(
      "import type { PoolClient } from 'pg';",
      "import { createServer } from 'node:http';",
      'export async function run(client: PoolClient, clients: Map<string, PoolClient>, all: PoolClient[]): Promise<unknown> {',
      "  await client.query('SELECT 1');",
      "  const cached = clients.get('main');",
      '  const second = all[1];',
      '  const last = all.at(-1);',
      '  return [cached, second, last];',
      '}',
      'export function serve(port: number) {',
      '  const server = createServer();',
      '  return server.listen(port);',
      '}',
    ),
    // Module top level is out of scope.
    lines(
      "import pg from 'pg';",
      'export const client = new pg.Client();',
      'const heartbeat = setInterval(() => undefined, 1_000);',
      'void heartbeat;',
    ),
    // A user-declared pair only counts when declared (and, with `type`, on that type).
    lines(
      QUERY_RUNNER,
      'export async function serverVersion(dataSource: DataSource): Promise<unknown> {',
      '  const runner = dataSource.createQueryRunner();',
      "  const rows = await runner.query('SELECT version()');",
      '  return rows[0];',
      '}',
    ),
    {
      code: lines(
        QUERY_RUNNER,
        'export async function serverVersion(dataSource: DataSource): Promise<unknown> {',
        '  const runner = dataSource.createQueryRunner();',
        "  const rows = await runner.query('SELECT version()');",
        '  return rows[0];',
        '}',
      ),
      options: [{ resources: [{ acquire: 'createQueryRunner', release: 'release', type: 'OtherSource' }] }],
    },
    {
      code: lines(
        QUERY_RUNNER,
        'export async function serverVersion(dataSource: DataSource): Promise<unknown> {',
        '  const runner = dataSource.createQueryRunner();',
        '  try {',
        "    const rows = await runner.query('SELECT version()');",
        '    return rows[0];',
        '  } finally {',
        '    await runner.release();',
        '  }',
        '}',
      ),
      options: [{ resources: [{ acquire: 'createQueryRunner', release: 'release' }] }],
    },
    // child_process handles are out of scope by default.
    lines(
      "import { spawn } from 'node:child_process';",
      'export function list(): void {',
      "  const child = spawn('ls', ['-l']);",
      '}',
    ),
    // A function that is not a logger is handed the resource: an escape.
    lines(
      "import type { Pool, PoolClient } from 'pg';",
      'declare function audit(message: string, client: PoolClient): void;',
      'export async function connect(pool: Pool): Promise<void> {',
      '  const client = await pool.connect();',
      "  audit('connected', client);",
      '}',
    ),
  ],
  invalid: [
    // pg: COMMIT throws after the catch that released; the client stays checked out.
    {
      code: lines(
        "import type { Pool } from 'pg';",
        'export async function runInTransaction(pool: Pool, statements: readonly string[]): Promise<void> {',
        '  const client = await pool.connect();',
        '  try {',
        "    await client.query('BEGIN');",
        '    for (const sql of statements) await client.query(sql);',
        '  } catch (error) {',
        '    client.release();',
        '    throw error;',
        '  }',
        "  await client.query('COMMIT');",
        '  client.release();',
        '}',
      ),
      errors: [
        { messageId: 'releaseOnThrow', data: { message: 'client acquired by pool.connect() at line 3 is not released when the query at line 11 throws' }, line: 3, column: 24, endLine: 3, endColumn: 38 },
      ],
    },
    // mysql2: an early return before the try.
    {
      code: lines(
        "import type { Pool } from 'mysql2/promise';",
        'export async function findUser(pool: Pool, id: number): Promise<unknown> {',
        '  const connection = await pool.getConnection();',
        '  if (id < 0) return undefined;',
        '  try {',
        "    const [rows] = await connection.query('SELECT * FROM users WHERE id = ?', [id]);",
        '    return rows;',
        '  } finally {',
        '    connection.release();',
        '  }',
        '}',
      ),
      errors: [
        { messageId: 'releaseOnReturn', data: { message: 'connection acquired by pool.getConnection() at line 3 is not released on the early return at line 4' }, line: 3, column: 28, endLine: 3, endColumn: 48 },
      ],
    },
    // A catch that returns without releasing.
    {
      code: lines(
        "import type { Pool } from 'pg';",
        'export async function countJobs(pool: Pool): Promise<number | undefined> {',
        '  const client = await pool.connect();',
        '  try {',
        "    const result = await client.query('SELECT count(*) AS n FROM jobs');",
        '    client.release();',
        '    return Number(result.rows[0].n);',
        '  } catch {',
        '    return undefined;',
        '  }',
        '}',
      ),
      errors: [
        { messageId: 'releaseOnReturn', data: { message: 'client acquired by pool.connect() at line 3 is not released on the early return at line 9' }, line: 3, column: 24, endLine: 3, endColumn: 38 },
      ],
    },
    // A browser not closed before rethrowing.
    {
      code: lines(
        BROWSER,
        'export async function screenshot(url: string): Promise<string> {',
        '  const browser = await launch();',
        '  try {',
        '    const page = await browser.newPage();',
        '    await browser.close();',
        '    return page + url;',
        '  } catch (error) {',
        '    throw error;',
        '  }',
        '}',
      ),
      errors: [
        { messageId: 'releaseOnThrow', line: 8, column: 25, endLine: 8, endColumn: 33 },
      ],
    },
    // A Disposable created without `using` and never disposed.
    {
      code: lines(
        GUARD,
        'export function rename(accounts: Map<string, string>, id: string, name: string): void {',
        '  const guard = lock(id);',
        '  accounts.set(id, name);',
        '}',
      ),
      errors: [
        { message: /^guard acquired by lock\(.*\) at line 6 is not released/u, line: 6, column: 17, endLine: 6, endColumn: 25 },
      ],
    },
    {
      code: lines(
        GUARD,
        'export function hold(id: string): void {',
        '  const guard = lock(id);',
        '}',
      ),
      errors: [
        { messageId: 'releaseBeforeEnd', line: 6, column: 17, endLine: 6, endColumn: 25 },
      ],
    },
    // A local interval cleared on only one of two paths.
    {
      code: lines(
        'export function watch(ready: boolean): void {',
        '  const timer = setInterval(() => undefined, 100);',
        '  if (ready) return;',
        '  clearInterval(timer);',
        '}',
      ),
      errors: [
        { messageId: 'releaseOnReturn', line: 2, column: 17, endLine: 2, endColumn: 50 },
      ],
    },
    // An interval whose id is dropped in a class that has a stop method.
    {
      code: lines(
        'export class Heartbeat {',
        '  private timer: NodeJS.Timeout | undefined;',
        '  start(send: () => void): void {',
        '    setInterval(send, 1_000);',
        '  }',
        '  stop(): void {',
        '    clearInterval(this.timer);',
        '  }',
        '}',
      ),
      errors: [
        { messageId: 'keepAndRelease', line: 4, column: 5, endLine: 4, endColumn: 29 },
      ],
    },
    // An interval in a field that the stop method forgets.
    {
      code: lines(
        'export class Poller {',
        '  private timer: NodeJS.Timeout | undefined;',
        '  start(poll: () => void): void {',
        '    this.timer = setInterval(poll, 1_000);',
        '  }',
        '  stop(): void {',
        '    this.timer = undefined;',
        '  }',
        '}',
      ),
      errors: [
        { messageId: 'releaseInClose', data: { message: 'this.timer set by setInterval() at line 4 is not cleared by stop() at line 6' }, line: 4, column: 18, endLine: 4, endColumn: 42 },
      ],
    },
    // A server listened on in a class whose close never closes it.
    {
      code: lines(
        "import { createServer } from 'node:http';",
        "import type { Server } from 'node:http';",
        'export class App {',
        '  private server: Server | undefined;',
        '  start(port: number): void {',
        "    this.server = createServer((_request, response) => response.end('ok'));",
        '    this.server.listen(port);',
        '  }',
        '  close(): void {',
        '    this.server = undefined;',
        '  }',
        '}',
      ),
      errors: [
        { messageId: 'releaseInClose', line: 6, column: 19, endLine: 6, endColumn: 75 },
      ],
    },
    // A file handle never closed.
    {
      code: lines(
        "import { open } from 'node:fs/promises';",
        'export async function touch(path: string): Promise<void> {',
        "  const handle = await open(path, 'a');",
        '}',
      ),
      errors: [
        { messageId: 'releaseBeforeEnd', line: 3, column: 24, endLine: 3, endColumn: 39 },
      ],
    },
    {
      code: lines(
        "import fs from 'node:fs';",
        'export function writeMarker(path: string): void {',
        "  const fd = fs.openSync(path, 'w');",
        "  fs.writeSync(fd, 'ok');",
        '}',
      ),
      errors: [
        { message: /^fd acquired by fs\.openSync\(.*\) at line 3 is not (?:released|closed)/u, line: 3, column: 14, endLine: 3, endColumn: 36 },
      ],
    },
    {
      code: lines(
        "import fs from 'node:fs';",
        'export async function readHeader(path: string): Promise<void> {',
        "  const handle = await fs.promises.open(path, 'r');",
        '  await handle.read(Buffer.alloc(4), 0, 4, 0);',
        '  await handle.close();',
        '}',
      ),
      errors: [
        { messageId: 'releaseOnThrow', line: 3, column: 24, endLine: 3, endColumn: 51 },
      ],
    },
    // `new pg.Client()` is ended with `end()`.
    {
      code: lines(
        "import pg from 'pg';",
        'export async function serverVersion(connectionString: string): Promise<string> {',
        '  const client = new pg.Client({ connectionString });',
        '  await client.connect();',
        "  const result = await client.query('SELECT version()');",
        '  await client.end();',
        '  return String(result.rows[0].version);',
        '}',
      ),
      errors: [
        { messageId: 'releaseOnThrow', line: 3, column: 18, endLine: 3, endColumn: 53 },
      ],
    },
    // generic-pool, tarn and the leakguard pool: released only when nothing throws.
    {
      code: lines(
        "import type { Pool } from 'generic-pool';",
        'export async function send(pool: Pool<{ write(data: string): Promise<void> }>, data: string): Promise<void> {',
        '  const resource = await pool.acquire();',
        '  await resource.write(data);',
        '  await pool.release(resource);',
        '}',
      ),
      errors: [
        { messageId: 'releaseOnThrow', line: 3, column: 26, endLine: 3, endColumn: 40 },
      ],
    },
    {
      code: lines(
        "import type { Pool } from 'tarn';",
        'export async function send(pool: Pool<{ write(data: string): Promise<void> }>, data: string): Promise<void> {',
        '  const resource = await pool.acquire().promise;',
        '  await resource.write(data);',
        '  pool.release(resource);',
        '}',
      ),
      errors: [
        { messageId: 'releaseOnThrow', line: 3, column: 26, endLine: 3, endColumn: 48 },
      ],
    },
    {
      code: lines(
        "import type { Pool } from '@leakguard/pool';",
        'export async function send(pool: Pool<{ write(data: string): Promise<void> }>, data: string): Promise<void> {',
        '  const lease = await pool.acquire();',
        '  await lease.resource.write(data);',
        '  lease.release();',
        '}',
      ),
      errors: [
        { messageId: 'releaseOnThrow', line: 3, column: 23, endLine: 3, endColumn: 37 },
      ],
    },
    // Logging is use, not escape: console.* and the `loggers` option.
    {
      code: lines(
        "import type { Pool } from 'pg';",
        'export async function connect(pool: Pool): Promise<void> {',
        '  const client = await pool.connect();',
        "  console.log('connected', client);",
        '}',
      ),
      errors: [
        { message: /^client acquired by pool\.connect\(\) at line 3 is not released/u, line: 3, column: 24, endLine: 3, endColumn: 38 },
      ],
    },
    {
      code: lines(
        "import type { Pool, PoolClient } from 'pg';",
        'declare function audit(message: string, client: PoolClient): void;',
        'export async function connect(pool: Pool): Promise<void> {',
        '  const client = await pool.connect();',
        "  audit('connected', client);",
        '}',
      ),
      options: [{ loggers: ['audit'] }],
      errors: [
        { message: /^client acquired by pool\.connect\(\) at line 4 is not released/u, line: 4, column: 24, endLine: 4, endColumn: 38 },
      ],
    },
    // A user-declared pair: a query runner created for a version probe and never released.
    {
      code: lines(
        QUERY_RUNNER,
        'export async function serverVersion(dataSource: DataSource): Promise<unknown> {',
        '  const runner = dataSource.createQueryRunner();',
        "  const rows = await runner.query('SELECT version()');",
        '  return rows[0];',
        '}',
      ),
      options: [{ resources: [{ acquire: 'createQueryRunner', release: 'release' }] }],
      errors: [
        { message: /^runner acquired by dataSource\.createQueryRunner\(\) at line 9 is not released/u, line: 9, column: 18, endLine: 9, endColumn: 48 },
      ],
    },
    {
      code: lines(
        QUERY_RUNNER,
        'export async function serverVersion(dataSource: DataSource): Promise<unknown> {',
        '  const runner = dataSource.createQueryRunner();',
        "  const rows = await runner.query('SELECT version()');",
        '  return rows[0];',
        '}',
      ),
      options: [{ resources: [{ acquire: 'createQueryRunner', release: ['release', 'destroy'], type: 'DataSource' }] }],
      errors: [
        { message: /^runner acquired by dataSource\.createQueryRunner\(\) at line 9 is not released/u, line: 9, column: 18, endLine: 9, endColumn: 48 },
      ],
    },
    // child_process handles, when asked for.
    {
      code: lines(
        "import { spawn } from 'node:child_process';",
        'export function list(): void {',
        "  const child = spawn('ls', ['-l']);",
        '}',
      ),
      options: [{ childProcesses: true }],
      errors: [
        { messageId: 'releaseBeforeEnd', line: 3, column: 17, endLine: 3, endColumn: 36 },
      ],
    },
  ],
});

describe('no-leaked-resource options', () => {
  /** Lints an empty file with the rule and `options`: the schema is checked before any parsing. */
  const lint = (options: unknown): void => {
    new Linter().verify('', [
      {
        languageOptions: typedLanguageOptions,
        plugins: { leakguard: { rules: { 'no-leaked-resource': rule } } },
        rules: { 'leakguard/no-leaked-resource': ['error', options] },
      },
    ]);
  };

  it('accepts resource pairs with one or several release methods and a type, loggers and childProcesses', () => {
    expect(() =>
      lint({ resources: [{ acquire: 'createQueryRunner', release: 'release' }, { acquire: 'checkout', release: ['release', 'destroy'], type: 'Pool' }], loggers: ['audit'], childProcesses: true }),
    ).not.toThrow();
  });

  it.each([
    ['an acquire that is not a string', { resources: [{ acquire: 1, release: 'release' }] }],
    ['a pair without release', { resources: [{ acquire: 'createQueryRunner' }] }],
    ['an empty release list', { resources: [{ acquire: 'createQueryRunner', release: [] }] }],
    ['an unknown key in a pair', { resources: [{ acquire: 'createQueryRunner', release: 'release', owner: 'db' }] }],
    ['an unknown option', { loggers: ['audit'], logger: 'audit' }],
    ['loggers that are not strings', { loggers: [true] }],
    ['childProcesses that is not a boolean', { childProcesses: 'yes' }],
  ])('rejects %s', (_label, options) => {
    expect(() => lint(options)).toThrow(/Key "leakguard\/no-leaked-resource":/u);
  });
});

describe('no-leaked-resource without type information', () => {
  it("fails with typescript-eslint's error naming the parser option it needs", () => {
    const lintUntyped = () =>
      new Linter().verify('export {};', [
        {
          languageOptions: { parser: tseslint.parser },
          plugins: { leakguard: { rules: { 'no-leaked-resource': rule } } },
          rules: { 'leakguard/no-leaked-resource': 'error' },
        },
      ]);
    expect(lintUntyped).toThrow(/requires type information/u);
  });
});
