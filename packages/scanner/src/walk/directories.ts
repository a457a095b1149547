// Path arithmetic shared by the walk, the choice of the scan root and expectNoHomePaths.
import { dirname, relative, sep } from 'node:path';

/** Whether `path` is `dir` or lies below it (both absolute and resolved). */
export function isWithin(dir: string, path: string): boolean {
  return path === dir || path.startsWith(dir.endsWith(sep) ? dir : `${dir}${sep}`);
}

/** `path` relative to `from`, with forward slashes (`''` when they are the same). */
export function relativeName(from: string, path: string): string {
  const rel = relative(from, path);
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/**
 * The deepest directory holding every one of `dirs` (absolute, resolved, at least one): the
 * file system root at worst. On Windows, dirs on different drives have none; the first one's
 * drive is returned, and names on the others stay absolute.
 */
export function commonDirectory(dirs: readonly string[]): string {
  let common = dirs[0] as string;
  for (const dir of dirs) {
    while (!isWithin(common, dir)) {
      const up = dirname(common);
      if (up === common) return common;
      common = up;
    }
  }
  return common;
}
