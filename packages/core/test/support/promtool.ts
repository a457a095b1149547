import { spawnSync } from 'node:child_process';

/**
 * Runs `promtool check metrics` on a scrape. promtool comes from Debian's `prometheus`
 * package, which .ci/run installs; a missing promtool fails the test with how to get it.
 */
export function promtoolCheckMetrics(scrape: string): { status: number | null; output: string } {
  const r = spawnSync('promtool', ['check', 'metrics'], { input: scrape, encoding: 'utf8' });
  if (r.error !== undefined) {
    throw new Error(`promtool is not available (${r.error.message}); install Debian's prometheus package: apt-get install -y prometheus`);
  }
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}
