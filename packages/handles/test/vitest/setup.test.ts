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
    expect(output).toMatch(/Test Files\s+1 failed \| 1 passed \(2\)/);
  });

  it('fails the leaking test itself when judging per test', async () => {
    const { code, output } = await runFixtureProject({ LEAKGUARD_HANDLES_PER_TEST: '1' });
    expect(code, output).toBe(1);
    expect(output).toMatch(/FAIL\s+leaking\.fixture-test\.ts > starts a poller and forgets it/);
    expect(output).toContain('leakguard: test "starts a poller and forgets it" in packages/handles/test/fixtures/leaking.fixture-test.ts left 1 handle open');
    expect(output).toMatch(/Tests\s+1 failed \| 3 passed \(4\)/);
  });

  it('only warns in warn mode', async () => {
    const { code, output } = await runFixtureProject({ LEAKGUARD_HANDLES_MODE: 'warn' });
    expect(code, output).toBe(0);
    expect(output).toContain('leakguard: test file packages/handles/test/fixtures/leaking.fixture-test.ts left 1 handle open');
  });

  it('accepts a leak listed in ignore', async () => {
    const { code, output } = await runFixtureProject({ LEAKGUARD_HANDLES_IGNORE: 'leaking.fixture-test.ts:10' });
    expect(code, output).toBe(0);
    expect(output).not.toContain('leakguard:');
  });
});
