// The audit list is structure, tested rather than remembered: each audit is complete and the
// help texts list every one.
import { describe, expect, it } from 'vitest';
import { AUDITS } from '../../src/audits/index.js';
import { runCli } from '../../src/runCli.js';
import { recordingIo } from '../support/io.js';

describe('AUDITS', () => {
  it('has unique lower-case names, each with a summary, a usage line and help that starts with it', () => {
    expect(new Set(AUDITS.map((a) => a.name)).size).toBe(AUDITS.length);
    for (const audit of AUDITS) {
      expect(audit.name).toMatch(/^[a-z][a-z-]*$/u);
      expect(audit.summary.length).toBeGreaterThan(10);
      expect(audit.usage.startsWith(`Usage: leakguard audit ${audit.name}`)).toBe(true);
      expect(audit.help.startsWith(audit.usage)).toBe(true);
    }
  });

  it('are all listed by `leakguard --help` and `leakguard audit --help`', async () => {
    for (const argv of [['--help'], ['audit', '--help']]) {
      const rec = recordingIo({ cwd: process.cwd() });
      expect(await runCli(argv, rec.io)).toBe(0);
      for (const audit of AUDITS) expect(rec.stdout()).toContain(audit.summary);
    }
  });
});
