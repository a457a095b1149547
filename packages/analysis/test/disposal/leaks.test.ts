import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DisposalOptions } from '../../src/index.js';
import { findLeakedResources } from '../../src/index.js';
import { createTestProgram, diagnostics, warmUp } from './program.js';

beforeAll(warmUp, 120_000);

const PRELUDE = [
  "import pg from 'pg';",
  "import * as fs from 'node:fs';",
  "import { open } from 'node:fs/promises';",
  "import * as http from 'node:http';",
  "import genericPool from 'generic-pool';",
  "import { Pool as TarnPool } from 'tarn';",
  "import type { Pool as MysqlPool } from 'mysql2/promise';",
  'class Res { [Symbol.dispose](): void {} close(): void {} }',
  'class AsyncRes { async [Symbol.asyncDispose](): Promise<void> {} }',
  'declare function work(): Promise<void>;',
  'declare function take(x: unknown): void;',
  'declare const pool: pg.Pool;',
  'declare const gpool: genericPool.Pool<Res>;',
  'declare const tpool: TarnPool<Res>;',
  'declare const mpool: MysqlPool;',
  'declare const logger: { info(...a: unknown[]): void };',
  '',
].join('\n');
const PRELUDE_LINES = PRELUDE.split('\n').length - 1;

/** `path@line` (lines counted from the code after the prelude, 1-based) of each finding. */
function leaks(code: string, options?: DisposalOptions): string[] {
  const p = createTestProgram({ 'a.ts': `${PRELUDE}${code}\nexport {};\n` });
  expect(diagnostics(p)).toEqual([]);
  return findLeakedResources(ts, p.checker, p.sourceFile, options).map((f) => `${f.path}@${p.sourceFile.getLineAndCharacterOfPosition(f.start).line + 1 - PRELUDE_LINES}`);
}
function messages(code: string, options?: DisposalOptions): string[] {
  const p = createTestProgram({ 'a.ts': `${PRELUDE}${code}\nexport {};\n` });
  expect(diagnostics(p)).toEqual([]);
  return findLeakedResources(ts, p.checker, p.sourceFile, options).map((f) => f.message.replace(/line (\d+)/g, (_, n: string) => `line ${Number(n) - PRELUDE_LINES}`));
}


const fn = (body: string, head = 'async function f(flag: boolean, sql: string)'): string => `${head} {\n${body}\n}`;

describe('findLeakedResources: acquisitions', () => {
  it('names both ends: the acquisition and the throwing call', () => {
    expect(messages(fn(['  const client = await pool.connect();', '  const r = await client.query(sql);', '  client.release();', '  return r;'].join('\n')))).toEqual([
      'client acquired by pool.connect() at line 2 is not released when the query at line 3 throws',
    ]);
  });
  it('names the throw outside a catch block over a failure inside one, and a skipped release over a throw', () => {
    // ROLLBACK failing after a failed BEGIN leaks too, but the COMMIT is the path to fix first.
    const transaction = [
      '  const client = await pool.connect();',
      '  try {',
      "    await client.query('BEGIN');",
      '  } catch (error) {',
      "    await client.query('ROLLBACK');",
      '    client.release();',
      '    throw error;',
      '  }',
      "  await client.query('COMMIT');",
      '  client.release();',
    ];
    expect(messages(fn(transaction.join('\n')))).toEqual(['client acquired by pool.connect() at line 2 is not released when the query at line 10 throws']);
    // Without the COMMIT, the ROLLBACK itself is named, not the BEGIN it follows.
    expect(messages(fn(transaction.slice(0, 8).concat(['  client.release();']).join('\n')))).toEqual([
      'client acquired by pool.connect() at line 2 is not released when the query at line 6 throws',
    ]);
    // A catch that rethrows without releasing names what first threw.
    expect(messages(fn(['  const client = await pool.connect();', '  try {', "    await client.query('BEGIN');", '  } catch (error) {', '    throw error;', '  }', '  client.release();'].join('\n')))).toEqual([
      'client acquired by pool.connect() at line 2 is not released when the query at line 4 throws',
    ]);
    // Returning from the loop always skips the close; the throw only might.
    expect(messages(fn(['  const fh = await open(sql);', '  for await (const line of fh.readLines()) return line;', '  await fh.close();', '  return undefined;'].join('\n')))).toEqual([
      'fh acquired by open() at line 2 is not released on the early return at line 3',
    ]);
  });
  it('reports each kind of acquisition left live at the end', () => {
    expect(leaks(fn('  const c = await pool.connect();\n  await work();'))).toEqual(['end@2']);
    expect(leaks(fn('  const c = new pg.Client();\n  await c.connect();'))).toEqual(['end@2']);
    expect(leaks(fn('  const c = new pg.Client();\n  await c.connect();\n  await c.end();'))).toEqual(['throw@2']);
    expect(leaks(fn('  const c = await mpool.getConnection();\n  await c.query(sql);\n  c.release();'))).toEqual(['throw@2']);
    expect(leaks(fn('  const r = await gpool.acquire();\n  await work();\n  await gpool.release(r);'))).toEqual(['throw@2']);
    expect(leaks(fn('  const r = await tpool.acquire().promise;\n  await work();\n  tpool.release(r);'))).toEqual(['throw@2']);
    expect(leaks(fn('  const fd = fs.openSync(sql, "r");\n  if (flag) return;\n  fs.closeSync(fd);'))).toEqual(['return@2']);
    expect(leaks(fn('  const fh = await open(sql);\n  const text = await fh.readFile("utf8");\n  await fh.close();\n  return text;'))).toEqual(['throw@2']);
    expect(leaks(fn('  const r = new Res();\n  if (flag) return;\n  r.close();'))).toEqual(['return@2']);
    expect(leaks(fn('  const r = new AsyncRes();\n  await r[Symbol.asyncDispose]();'))).toEqual([]);
    expect(leaks(fn('  const id = setInterval(() => {}, 10);\n  if (flag) return;\n  clearInterval(id);'))).toEqual(['return@2']);
  });
  it('reports dropped acquisitions', () => {
    expect(messages(fn('  new Res();'))).toEqual(['new Res() at line 2 creates a Disposable that is dropped: use `using`']);
    expect(messages(fn('  setInterval(() => {}, 10);'))).toEqual(['the interval started by setInterval() at line 2 is never cleared']);
    expect(leaks(fn('  await pool.connect();'))).toEqual(['dropped@2']);
    expect(leaks(fn('  fs.openSync(sql, "r");'))).toEqual(['dropped@2']);
  });
  it('never reports one-shot timers, unref()ed dropped intervals, iterators, reads and receiver-returning calls', () => {
    expect(leaks(fn('  setTimeout(() => {}, 10);\n  setImmediate(() => {});\n  const t = setTimeout(() => {}, 5);\n  await work();'))).toEqual([]);
    expect(leaks(fn('  setInterval(() => {}, 10).unref();'))).toEqual([]);
    expect(leaks(fn('  const it = [1, 2].values();\n  const m = new Map<string, number>().keys();\n  await work();\n  function* g() { yield 1; }\n  const gen = g();\n  await work();'))).toEqual([]);
    expect(leaks(fn('  const m = new Map<string, Res>();\n  const a = m.get("k");\n  const rs: Res[] = [];\n  const b = rs.at(0);\n  const c = rs[0];\n  await work();'))).toEqual([]);
    expect(leaks(fn('  const server = http.createServer();\n  server.listen(0);\n  await work();'))).toEqual([]);
  });
  it('reads user-declared pairs, optionally by receiver type', () => {
    const code = [
      'interface QueryRunner { release(): Promise<void> }',
      'interface DataSource { createQueryRunner(): QueryRunner }',
      'interface Other { createQueryRunner(): QueryRunner }',
      'async function f(ds: DataSource, o: Other) {',
      '  const qr = ds.createQueryRunner();',
      '  await work();',
      '  await qr.release();',
      '  const q2 = o.createQueryRunner();',
      '  await work();',
      '  await q2.release();',
      '}',
    ].join('\n');
    expect(leaks(code)).toEqual([]);
    expect(leaks(code, { resources: [{ acquire: 'createQueryRunner', release: 'release' }] })).toEqual(['throw@5', 'throw@8']);
    expect(leaks(code, { resources: [{ acquire: 'createQueryRunner', release: ['release'], type: 'DataSource' }] })).toEqual(['throw@5']);
  });
  it('leaves child processes out unless asked', () => {
    const code = "import { spawn } from 'node:child_process';\nasync function f() {\n  const child = spawn('ls');\n  await work();\n  child.kill();\n}";
    expect(leaks(code)).toEqual([]);
    expect(leaks(code, { childProcesses: true })).toEqual(['throw@3']);
  });
});

describe('findLeakedResources: not a leak', () => {
  it.each([
    ['using', '  using r = new Res();\n  await work();'],
    ['await using', '  await using r = new AsyncRes();\n  await work();'],
    ['release in finally', '  const c = await pool.connect();\n  try {\n    await c.query(sql);\n  } finally {\n    c.release();\n  }'],
    ['optional release in finally', '  let c: pg.PoolClient | undefined;\n  try {\n    c = await pool.connect();\n    await c.query(sql);\n  } finally {\n    c?.release();\n  }'],
    ['guarded release in finally', '  let c: pg.PoolClient | undefined;\n  try {\n    c = await pool.connect();\n    await c.query(sql);\n  } finally {\n    if (c) c.release();\n  }'],
    ['catch and rethrow', '  const c = await pool.connect();\n  try {\n    await c.query(sql);\n  } catch (e) {\n    c.release();\n    throw e;\n  }\n  c.release();'],
    ['catch that swallows, then release', '  const c = await pool.connect();\n  try {\n    await c.query(sql);\n  } catch {\n    logger.info("failed");\n  }\n  c.release();'],
    ['release before anything can throw', '  const c = await pool.connect();\n  const q = c.query;\n  c.release();\n  await work();\n  void q;'],
    ['returned', '  const c = await pool.connect();\n  return c;'],
    ['returned in an object', '  const client = await pool.connect();\n  return { client, at: 1 };'],
    ['returned in an array', '  const c = await pool.connect();\n  return [c];'],
    ['passed to another function', '  const r = new Res();\n  take(r);\n  await work();'],
    ['passed to a constructor', '  const r = new Res();\n  new Map([["k", r]]);\n  await work();'],
    ['added to a collection', '  const r = new Res();\n  const all = new Set<Res>();\n  all.add(r);\n  await work();'],
    ['handed to a DisposableStack', '  using stack = new DisposableStack();\n  const r = stack.use(new Res());\n  const q = new Res();\n  stack.defer(() => q.close());\n  await work();\n  void r;'],
    ['captured by a stored closure', '  const r = new Res();\n  const stop = () => r.close();\n  take(stop);\n  await work();'],
    ['interval cleared by its own callback', '  let n = 0;\n  const id = setInterval(() => { if (++n > 3) clearInterval(id); }, 10);'],
    ['interval returned as a stop function', '  const id = setInterval(() => {}, 10);\n  return () => clearInterval(id);'],
    ['fd used by fs and closed in finally', '  const fd = fs.openSync(sql, "r");\n  try {\n    fs.writeSync(fd, "x");\n    fs.fstatSync(fd);\n  } finally {\n    fs.closeSync(fd);\n  }'],
    ['logging it is use', '  const c = await pool.connect();\n  console.log(c);\n  logger.info("got", c);\n  c.release();'],
    ['release on both branches', '  const c = await pool.connect();\n  if (flag) {\n    c.release();\n    return;\n  }\n  c.release();'],
    ['release in every switch case', '  const c = await pool.connect();\n  switch (sql) {\n    case "a":\n      c.release();\n      break;\n    default:\n      c.release();\n  }'],
    ['released within each loop iteration', '  for (const s of [sql]) {\n    const c = await pool.connect();\n    try {\n      await c.query(s);\n    } finally {\n      c.release();\n    }\n  }'],
    ['stored in an outer variable', '  const r = new Res();\n  holder.r = r;\n  await work();'],
    ['yielded', '  const r = new Res();\n  yield r;'],
  ])('%s', (_, body) => {
    const head = body.includes('yield') ? 'function* f(flag: boolean, sql: string)' : 'async function f(flag: boolean, sql: string)';
    expect(leaks(`declare const holder: { r?: Res };\n${fn(body, head)}`)).toEqual([]);
  });
});

describe('findLeakedResources: paths', () => {
  it('reports a catch path that returns without releasing', () => {
    const code = fn('  const c = await pool.connect();\n  try {\n    await c.query(sql);\n  } catch {\n    return;\n  }\n  c.release();');
    expect(messages(code)).toEqual(['c acquired by pool.connect() at line 2 is not released on the early return at line 6']);
  });
  it('reports a rethrow naming the original throw', () => {
    const code = fn("  const c = await pool.connect();\n  try {\n    await c.query('COMMIT');\n  } catch (e) {\n    await c.query('ROLLBACK');\n    throw e;\n  }\n  c.release();");
    expect(messages(code)).toEqual(['c acquired by pool.connect() at line 2 is not released when the query at line 4 throws']);
  });
  it('reports a release that only happens under a condition', () => {
    expect(leaks(fn('  const c = await pool.connect();\n  flag && c.release();'))).toEqual(['end@2']);
    expect(messages(fn('  const c = await pool.connect();\n  if (flag) c.release();'))).toEqual(['c acquired by pool.connect() at line 2 is not released at the end of the function (line 4)']);
  });
  it('reports the end of a loop iteration, break and continue', () => {
    expect(messages(fn('  for (const s of [sql]) {\n    const c = await pool.connect();\n    if (flag) continue;\n    c.release();\n  }'))).toEqual([
      'c acquired by pool.connect() at line 3 is not released on the continue at line 4',
    ]);
    expect(leaks(fn('  while (flag) {\n    const c = await pool.connect();\n    if (flag) break;\n    c.release();\n  }'))).toEqual(['return@3']);
    expect(messages(fn('  for (let i = 0; i < 3; i++) {\n    const r = new Res();\n    void r;\n  }'))).toEqual([
      'r acquired by new Res() at line 3 is not released at the end of the loop iteration (line 5)',
    ]);
  });
  it('reports a reassignment before release', () => {
    expect(messages(fn('  let c = await pool.connect();\n  c = await pool.connect();\n  c.release();'))).toEqual([
      'c acquired by pool.connect() at line 2 is not released before c is reassigned at line 3',
    ]);
  });
  it('reports a throw statement with the resource live', () => {
    expect(messages(fn('  const r = new Res();\n  if (flag) throw new Error("no");\n  r.close();'))).toEqual(['r acquired by new Res() at line 2 is not released on the throw at line 3']);
  });
  it('analyses every function-like: arrows, methods, constructors, accessors, static blocks', () => {
    const code = [
      'const a = async () => { const c = await pool.connect(); await work(); c.release(); };',
      'class K {',
      '  constructor() { const r = new Res(); take(1); r.close(); }',
      '  get v() { const r = new Res(); take(1); r.close(); return 1; }',
      '  static { const r = new Res(); take(1); r.close(); }',
      '  m() { const r = new Res(); take(1); r.close(); }',
      '}',
      'const top = new Res();',
      'void a; void K; void top;',
    ].join('\n');
    expect(leaks(code)).toEqual(['throw@1', 'throw@3', 'throw@4', 'throw@5', 'throw@6']);
  });
});

describe('findLeakedResources: idioms of real code', () => {
  it('takes a returned result that can be released as the resource handed over (return inst.install(setUp))', () => {
    const handle = 'class Handle { #res = new Res(); install(setUp: (h: Handle) => void): Handle { try { setUp(this); } catch (e) { this.close(); throw e; } return this; } close(): void { this.#res.close(); } }';
    expect(leaks(`${handle}\nfunction f() {\n  const h = new Handle();\n  return h.install(() => {});\n}`)).toEqual([]);
    // A result that holds nothing releasable does not take the resource along.
    expect(leaks('async function f() {\n  const c = await pool.connect();\n  return c.query("select 1");\n}')).toEqual(['return@2']);
  });
  it('reads a test of the resource\'s own state as knowing whether it is released (if (!lease.returned) lease.release())', () => {
    const lease = 'interface Lease { readonly returned: boolean; release(): void }\ndeclare function borrow(): Promise<Lease>;';
    expect(leaks(`${lease}\nasync function f() {\n  const l = await borrow();\n  if (!l.returned) l.release();\n}`, { resources: [{ acquire: 'borrow', release: 'release' }] })).toEqual([]);
    // A test of something else leaves the other side live.
    expect(leaks(`${lease}\nasync function f(flag: boolean) {\n  const l = await borrow();\n  if (flag) l.release();\n}`, { resources: [{ acquire: 'borrow', release: 'release' }] })).toEqual(['end@4']);
  });
  it('does not take a project function that returns what it keeps for an acquisition', () => {
    const store = 'const kept = new Res();\nfunction current(): Res { return kept; }\nfunction fresh(): Res { const r = new Res(); return r; }';
    expect(leaks(`${store}\nfunction f() {\n  const r = current();\n  void r;\n}`)).toEqual([]);
    expect(leaks(`${store}\nfunction f() {\n  const r = fresh();\n  void r;\n}`)).toEqual(['end@5']);
  });
  it('does not count built-in calls that cannot fail (Date.now(), Math.max(), performance.now()) as throws', () => {
    expect(leaks(fn('  const c = await pool.connect();\n  const started = Date.now() + performance.now() + Math.max(1, 2);\n  c.release();\n  return started;'))).toEqual([]);
    expect(leaks(fn('  const c = await pool.connect();\n  const ok = Number.isInteger(1) && Array.isArray([sql]);\n  c.release();\n  return ok;'))).toEqual([]);
    expect(leaks(fn('  const c = await pool.connect();\n  const n = JSON.parse(sql);\n  c.release();\n  return n;'))).toEqual(['throw@2']);
  });
  it('does not count built-in constructors that cannot fail (new Set(), new Map(), new Error()) as throws', () => {
    expect(leaks(fn('  const c = await pool.connect();\n  const seen = new Set<string>();\n  const byId = new Map<string, number>();\n  c.release();\n  return [seen, byId];'))).toEqual([]);
    expect(leaks(fn('  const c = await pool.connect();\n  const url = new URL(sql);\n  c.release();\n  return url;'))).toEqual(['throw@2']);
  });
  it('follows an acquisition in one branch of ?: and each name of const [a, b] = await Promise.all([...])', () => {
    expect(leaks(fn('  const c = flag ? await pool.connect() : undefined;\n  if (c === undefined) return;\n  await c.query(sql);\n  c.release();'))).toEqual(['throw@2']);
    expect(leaks(fn('  const c = flag ? await pool.connect() : undefined;\n  if (c === undefined) return;\n  try {\n    await c.query(sql);\n  } finally {\n    c.release();\n  }'))).toEqual([]);
    // One connect() failing rejects Promise.all while the other client is already out.
    expect(messages(fn('  const [a, b] = await Promise.all([pool.connect(), pool.connect()]);\n  try {\n    await a.query(sql);\n  } finally {\n    a.release();\n    b.release();\n  }'))).toEqual([
      'a acquired by pool.connect() at line 2 is not released when pool.connect() at line 2 throws',
      'b acquired by pool.connect() at line 2 is not released when Promise.all() at line 2 throws',
    ]);
  });
  it('counts stop, cancel, unregister, unsubscribe, shutdown and quit as releases', () => {
    for (const method of ['stop', 'cancel', 'unregister', 'unsubscribe', 'shutdown', 'quit']) {
      const type = `class T { [Symbol.dispose](): void {} ${method}(): void {} }`;
      expect(leaks(`${type}\nfunction f() {\n  const t = new T();\n  t.${method}();\n}`), method).toEqual([]);
    }
  });
});

describe('findLeakedResources: fields', () => {
  const cls = (members: string): string => `class S {\n  timer?: NodeJS.Timeout;\n  conn?: pg.PoolClient;\n${members}\n}\nvoid S;`;
  it('reports an interval field not cleared by close()', () => {
    expect(messages(cls('  start() { this.timer = setInterval(() => {}, 10); }\n  close() { this.timer = undefined; }'))).toEqual([
      'this.timer set by setInterval() at line 4 is not cleared by close() at line 5',
    ]);
  });
  it('accepts a field released by the closing method or a helper it calls', () => {
    expect(leaks(cls('  start() { this.timer = setInterval(() => {}, 10); }\n  close() { clearInterval(this.timer); }'))).toEqual([]);
    expect(leaks(cls('  async start() { this.conn = await pool.connect(); }\n  async [Symbol.asyncDispose]() { this.free(); }\n  private free() { this.conn?.release(); }'))).toEqual([]);
    expect(leaks(cls('  async start() { const c = await pool.connect(); this.conn = c; }\n  stop() { this.conn?.release(); }'))).toEqual([]);
    expect(leaks(cls('  async start() { const c = await pool.connect(); this.conn = c; }\n  stop() {}'))).toEqual(['field@4']);
  });
  it('requires every way the instance ends to release the field, handlers of the end included', () => {
    // disconnect() clears the heartbeat, the socket's close handler forgets it.
    expect(messages(cls('  start() { this.timer = setInterval(() => {}, 10); }\n  disconnect() { clearInterval(this.timer); }\n  private onSocketClose() { this.conn = undefined; }'))).toEqual([
      'this.timer set by setInterval() at line 4 is not cleared by onSocketClose() at line 6',
    ]);
    expect(leaks(cls('  start() { this.timer = setInterval(() => {}, 10); }\n  disconnect() { clearInterval(this.timer); }\n  private onSocketClose() { this.disconnect(); }'))).toEqual([]);
    expect(leaks(cls('  start() { this.timer = setInterval(() => {}, 10); }\n  close() { clearInterval(this.timer); }\n  [Symbol.dispose]() { this.close(); }'))).toEqual([]);
    expect(leaks(cls('  start() { this.timer = setInterval(() => {}, 10); }\n  close() { clearInterval(this.timer); }\n  stop() {}'))).toEqual(['field@4']);
    // Not a handler of the end: an ordinary method need not release anything.
    expect(leaks(cls('  start() { this.timer = setInterval(() => {}, 10); }\n  close() { clearInterval(this.timer); }\n  onMessage() {}'))).toEqual([]);
  });
  it('requires the closer to release on every way through it, a test of the field or a not-yet-closed guard aside', () => {
    const withClosed = (members: string): string => cls(`  closed = false;\n${members}`);
    expect(messages(withClosed('  start() { this.timer = setInterval(() => {}, 10); }\n  stop() { if (this.closed) { clearInterval(this.timer); } this.closed = true; }'))).toEqual([
      'this.timer set by setInterval() at line 5 is not cleared by stop() at line 6',
    ]);
    expect(leaks(withClosed('  start() { this.timer = setInterval(() => {}, 10); }\n  stop() { if (!this.closed) { this.closed = true; clearInterval(this.timer); } }'))).toEqual([]);
    expect(leaks(withClosed('  start() { this.timer = setInterval(() => {}, 10); }\n  stop() { if (this.timer) clearInterval(this.timer); }'))).toEqual([]);
    expect(leaks(withClosed('  start() { this.timer = setInterval(() => {}, 10); }\n  stop() { try { this.flush(); } catch { clearInterval(this.timer); } }\n  flush() {}'))).toEqual(['field@5']);
  });
  it('does not take a method that needs an argument (destroy(lease), onClose(fn)) for the instance\'s end', () => {
    expect(leaks(cls('  start() { this.timer = setInterval(() => {}, 10); }\n  close() { clearInterval(this.timer); }\n  destroy(c: pg.PoolClient) { c.release(); }\n  onClose(fn: () => void) { void fn; }'))).toEqual([]);
    expect(leaks(cls('  start() { this.timer = setInterval(() => {}, 10); }\n  close(force?: boolean) { void force; }'))).toEqual(['field@4']);
  });
  it('treats classes without a closing method by the interval rule', () => {
    expect(leaks(cls('  start() { this.timer = setInterval(() => {}, 10); }'))).toEqual(['field@4']);
    expect(leaks(cls('  start() { this.timer = setInterval(() => {}, 10).unref(); }'))).toEqual([]);
    expect(leaks(cls('  start() { this.timer = setInterval(() => {}, 10); this.timer.unref(); }'))).toEqual([]);
    expect(leaks(cls('  async start() { this.conn = await pool.connect(); }'))).toEqual([]);
  });
  it('reports a listening server the closing method does not close', () => {
    const code = 'class W {\n  server?: http.Server;\n  start() { this.server = http.createServer(); this.server.listen(0); }\n  async stop() {}\n}\nvoid W;';
    expect(leaks(code)).toEqual(['field@3']);
    expect(leaks(code.replace('async stop() {}', 'async stop() { this.server?.close(); }'))).toEqual([]);
  });
  it('checks property initializers', () => {
    expect(leaks('class T {\n  timer = setInterval(() => {}, 10);\n  close() {}\n}\nvoid T;')).toEqual(['field@2']);
  });
});

describe('findLeakedResources: options', () => {
  it('throws on invalid options', () => {
    expect(() => leaks(fn(''), { resources: 'x' } as unknown as DisposalOptions)).toThrow(/resources must be an array/);
  });
  it('treats configured loggers as use', () => {
    const code = 'declare function audit(x: unknown): void;\n' + fn('  const r = new Res();\n  audit(r);\n  if (flag) return;\n  r.close();');
    expect(leaks(code)).toEqual([]);
    expect(leaks(code, { loggers: ['audit'] })).toEqual(['return@3']);
  });
});
