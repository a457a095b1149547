// Temporary directory trees for tests: created under the OS temp dir, removed by the test.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A temporary tree; `using` removes it. */
export interface Tree extends Disposable {
  readonly dir: string;
  /** Absolute path of `rel` inside the tree. */
  path(rel: string): string;
  write(rel: string, content: string | Uint8Array): void;
  read(rel: string): string;
  symlink(rel: string, target: string): void;
  mkdir(rel: string): void;
}

/** Creates a tree from `files` (relative path → content). */
export function makeTree(files: Readonly<Record<string, string | Uint8Array>> = {}): Tree {
  const dir = mkdtempSync(join(tmpdir(), 'leakguard-test-'));
  const tree: Tree = {
    dir,
    path: (rel) => join(dir, rel),
    write(rel, content) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), content);
    },
    read: (rel) => readFileSync(join(dir, rel), 'utf8'),
    symlink(rel, target) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      symlinkSync(target, join(dir, rel));
    },
    mkdir: (rel) => mkdirSync(join(dir, rel), { recursive: true }),
    [Symbol.dispose]() {
      // chmod 000 directories left by a test would make rmSync fail.
      try {
        chmodSync(dir, 0o700);
      } catch {
        // already gone
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  for (const [rel, content] of Object.entries(files)) tree.write(rel, content);
  return tree;
}

/**
 * Whether this process can read a file whose permissions deny it. As root (common in CI
 * containers) chmod 000 stops nothing, so tests of unreadable files assert on what the
 * system really does rather than pretending.
 */
export function permissionsAreEnforced(): boolean {
  using tree = makeTree({ probe: 'x' });
  chmodSync(tree.path('probe'), 0o000);
  try {
    readFileSync(tree.path('probe'));
    return false;
  } catch {
    return true;
  } finally {
    chmodSync(tree.path('probe'), 0o600);
  }
}
