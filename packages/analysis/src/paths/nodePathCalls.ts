// Which calls take a file-system path in Node.js, where a `~/` string is a bug: Node does not
// expand `~` (only a shell does).
import type { CalleeParts } from './callee.js';

/** The Node.js APIs that take paths, by what they do with a `~/` argument. */
export type NodePathApi = 'fs' | 'path' | 'child_process' | 'process';

const MODULES: ReadonlyMap<string, NodePathApi> = new Map([
  ['fs', 'fs'],
  ['fs/promises', 'fs'],
  // Drop-in replacements for fs with the same path arguments.
  ['fs-extra', 'fs'],
  ['fs-extra/esm', 'fs'],
  ['graceful-fs', 'fs'],
  ['path', 'path'],
  ['path/posix', 'path'],
  ['path/win32', 'path'],
  ['child_process', 'child_process'],
]);

// Conventional names for these modules when the front end cannot tell where a name comes from.
const RECEIVERS: ReadonlyMap<string, NodePathApi> = new Map([
  ['fs', 'fs'],
  ['fsp', 'fs'],
  ['fsPromises', 'fs'],
  ['fse', 'fs'],
  ['fsExtra', 'fs'],
  ['gracefulFs', 'fs'],
  ['nodeFs', 'fs'],
  ['path', 'path'],
  ['nodePath', 'path'],
  ['childProcess', 'child_process'],
  ['child_process', 'child_process'],
  ['cp', 'child_process'],
  ['process', 'process'],
]);

// Bare calls that are fs or child_process whoever imported them: no other library uses these names.
const BARE_FS = /^(?:\w+Sync|createReadStream|createWriteStream|readFile|writeFile|appendFile|readdir|mkdir|mkdtemp|opendir|copyFile|realpath|readlink|symlink|lstat|unlink|rmdir|chmod|chown|utimes|truncate)$/u;
const BARE_CHILD_PROCESS = /^(?:spawn|spawnSync|execFile|execFileSync|fork)$/u;
// exec and execSync run their string through a shell, which expands `~` itself.
const SHELL = /^(?:exec|execSync)$/u;
// fs functions whose second argument is a path too (source and destination).
const TWO_PATHS = /^(?:copyFile|cp|rename|link|symlink|move|copy|ensureSymlink|ensureLink)(?:Sync)?$/u;

/** The Node path API a module specifier names (`node:fs`, `fs/promises`, `path/posix` ...), if any. */
export function nodePathApiOfModule(module: string): NodePathApi | undefined {
  return MODULES.get(module.replace(/^node:/u, ''));
}

/** The Node path API a callee's receiver conventionally names (`fs.`, `fsp.`, `path.`, `cp.` ...), if any. */
export function nodePathApiOfReceiver(parts: CalleeParts): NodePathApi | undefined {
  const root = parts.segments.length > 1 ? parts.segments[0] : undefined;
  return root === undefined ? undefined : RECEIVERS.get(root);
}

/** For a call whose module is unknown: the API its receiver or its (distinctive) bare name says. */
export function guessNodePathApi(parts: CalleeParts): NodePathApi | undefined {
  const byReceiver = nodePathApiOfReceiver(parts);
  if (byReceiver !== undefined) return byReceiver;
  if (parts.segments.length !== 1) return undefined;
  // child_process first: execSync and spawnSync end in Sync like the fs functions.
  if (BARE_CHILD_PROCESS.test(parts.name) || SHELL.test(parts.name)) return 'child_process';
  if (BARE_FS.test(parts.name)) return 'fs';
  return undefined;
}

/** Whether argument `index` of function `name` of `api` is a path Node uses as written. */
export function takesPathArgument(api: NodePathApi, name: string, index: number): boolean {
  switch (api) {
    case 'path':
      return true;
    case 'fs':
      return index === 0 || (index === 1 && TWO_PATHS.test(name));
    case 'child_process':
      return index === 0 && !SHELL.test(name);
    case 'process':
      return name === 'chdir' && index === 0;
  }
}
