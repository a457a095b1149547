import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const vitestBin = fileURLToPath(new URL('node_modules/.bin/vitest', new URL('../../../../', import.meta.url)));

interface Run {
  readonly code: number | null;
  readonly output: string;
}

/** Runs Vitest itself on the fixture project; the parent run's VITEST_* variables are left out. */
function runFixtureProject(extraEnv: Record<string, string> = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { NO_COLOR: '1', FORCE_COLOR: '0' };
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('VITEST') && !key.startsWith('LEAKGUARD_HANDLES')) env[key] = value;
  Object.assign(env, extraEnv);
  return new Promise((resolve) => {
    execFile(
      vitestBin,
      ['run', '--root', fixtures, '--config', `${fixtures}vitest.fixture.config.ts`],
      { cwd: repoRoot, env, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

describe('@leakguard/handles/vitest-setup', () => {
  it('fails the file that leaks an interval, naming the file, the test and the creation site', async () => {
    const { code, output } = await runFixtureProject();
    expect(code, output).toBe(1);
    expect(output).toMatch(/FAIL\s+leaking\.fixture-test\.ts/);
    expect(output).toContain('leakguard: test file packages/handles/test/fixtures/leaking.fixture-test.ts left 1 handle open that it created:');
    expect(output).toMatch(
      /interval created at packages\/handles\/test\/fixtures\/leaking\.fixture-test\.ts:10:3 in test "starts a poller and forgets it", open for \d+ ms; close it with clearInterval\(\)/,
    );
    // The clean file passes: its interval and server were closed.
    expect(output).toMatch(/✓\s+clean\.fixture-test\.ts/);
    expect(output).not.toMatch(/FAIL\s+clean\.fixture-test\.ts/);
    expect(output).toMatch(/Test Files\s+2 failed \| 1 passed \(3\)/);
  });

  it('fails the file that keeps a pool lease and a pool open, naming where each was acquired or created', async () => {
    const { output } = await runFixtureProject();
    expect(output).toMatch(/FAIL\s+lease\.fixture-test\.ts/);
    expect(output).toContain('leakguard: test file packages/handles/test/fixtures/lease.fixture-test.ts left 2 handles open that it created:');
    expect(output).toMatch(/pool "fixture-db" created at packages\/handles\/test\/fixtures\/lease\.fixture-test\.ts:6:14, open \d+ ms; close it with pool\.close\(\)/);
    expect(output).toMatch(
      /pool "fixture-db" lease acquired at packages\/handles\/test\/fixtures\/lease\.fixture-test\.ts:14:28, held \d+ ms \(in test "borrows a connection and forgets it"\); close it with lease\.release\(\)/,
    );
    // The lease returned by `await using` in the first test is not reported.
    expect(output.match(/lease acquired at/g)).toHaveLength(1);
  });

  it('fails the leaking test itself when judging per test', async () => {
    const { code, output } = await runFixtureProject({ LEAKGUARD_HANDLES_PER_TEST: '1' });
    expect(code, output).toBe(1);
    expect(output).toMatch(/FAIL\s+leaking\.fixture-test\.ts > starts a poller and forgets it/);
    expect(output).toContain('leakguard: test "starts a poller and forgets it" in packages/handles/test/fixtures/leaking.fixture-test.ts left 1 handle open');
    expect(output).toMatch(/FAIL\s+lease\.fixture-test\.ts > borrows a connection and forgets it/);
    // Per test, the pool (opened by the file, before any test) is left to the file's own check.
    expect(output).toContain('leakguard: test "borrows a connection and forgets it" in packages/handles/test/fixtures/lease.fixture-test.ts left 1 handle open');
    expect(output).toMatch(/Tests\s+2 failed \| 5 passed \(7\)/);
  });

  it('only warns in warn mode', async () => {
    const { code, output } = await runFixtureProject({ LEAKGUARD_HANDLES_MODE: 'warn' });
    expect(code, output).toBe(0);
    expect(output).toContain('leakguard: test file packages/handles/test/fixtures/leaking.fixture-test.ts left 1 handle open');
  });

  it('accepts leaks listed in ignore, by site or by text in the stack', async () => {
    const { code, output } = await runFixtureProject({ LEAKGUARD_HANDLES_IGNORE: 'leaking.fixture-test.ts:10, lease.fixture-test.ts' });
    expect(code, output).toBe(0);
    expect(output).not.toContain('leakguard:');
  });
});
