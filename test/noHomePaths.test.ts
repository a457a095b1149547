// The repository audits itself, as a project would with expectNoHomePaths: what git would track,
// with the fixtures and examples listed in leakguard.config.json left out.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectNoHomePaths } from '@leakguard/scanner';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('this repository', () => {
  it('has no hard-coded home-directory paths', () => {
    const result = expectNoHomePaths(root);
    // A config that ignored everything would pass too: the scan must have covered the sources.
    expect(result.filesScanned).toBeGreaterThan(200);
  });
});
