// Small TypeScript projects in the OS temp directory for the disposal audit's tests: a
// tsconfig, a package.json, and `node_modules` linked to the repository's, so `pg` and
// `@types/node` resolve as they do in a real project.
import { symlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Tree } from '../support/tree.js';
import { makeTree } from '../support/tree.js';

/** The repository's node_modules, found from this file, wherever the checkout is. */
const REPO_NODE_MODULES = fileURLToPath(new URL('../../../../node_modules', import.meta.url));

export const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2022', 'esnext.disposable'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      types: ['node'],
      strict: true,
      skipLibCheck: true,
      noEmit: true,
    },
    include: ['src'],
  },
  null,
  2,
)}\n`;

/** A cross-file source (`open`) and sink (`done`). */
export const DB_TS = `import pg from 'pg';

export function open() {
  return new pg.Client();
}

export function done(c: pg.PoolClient): void {
  c.release();
}
`;

/** A pg client not released when the query throws (line 4 acquires). */
export const LEAKY_TS = `import type pg from 'pg';

export async function count(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  const result = await client.query('SELECT count(*) FROM jobs');
  client.release();
  return result.rowCount ?? 0;
}
`;

/** The same, fixed with finally; and a client handed to the cross-file sink. */
export const FIXED_TS = `import type pg from 'pg';
import { done } from './db.js';

export async function count(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    const result = await client.query('SELECT count(*) FROM jobs');
    return result.rowCount ?? 0;
  } finally {
    client.release();
  }
}

export async function ping(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
  } finally {
    done(client);
  }
}
`;

/** A client from the cross-file source, never ended (line 4 acquires). */
export const PROBE_TS = `import { open } from './db.js';

export async function serverVersion(): Promise<string> {
  const probe = open();
  await probe.connect();
  const result = await probe.query('SELECT version()');
  return String(result.rows[0]);
}
`;

/** A temporary TypeScript project: the files above under `src/`, plus `files`. */
export function makeProject(files: Readonly<Record<string, string>> = {}): Tree {
  return makeTypeScriptTree({
    'tsconfig.json': TSCONFIG,
    'src/db.ts': DB_TS,
    'src/leaky.ts': LEAKY_TS,
    'src/fixed.ts': FIXED_TS,
    'src/probe.ts': PROBE_TS,
    ...files,
  });
}

/** A temporary tree of `files` with a package.json and the repository's node_modules, and no other file. */
export function makeTypeScriptTree(files: Readonly<Record<string, string>>): Tree {
  const tree = makeTree({ 'package.json': '{ "type": "module", "private": true }\n', ...files });
  symlinkSync(REPO_NODE_MODULES, tree.path('node_modules'), 'dir');
  return tree;
}
