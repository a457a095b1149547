import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { openResources, reportOpenResources } from '../../src/lifecycle/openResources.js';

describe('reportOpenResources / openResources', () => {
  it('sums what every owner reports, by kind, read when asked', () => {
    const a = { leases: 2 };
    const b = { leases: 1 };
    using _ra = reportOpenResources(a, (o) => ({ pool: 1, lease: o.leases }));
    const rb = reportOpenResources(b, (o) => ({ pool: 1, lease: o.leases }));
    const before = openResources();
    expect(before.get('pool')).toBeGreaterThanOrEqual(2);
    const leasesBefore = before.get('lease') ?? 0;
    a.leases = 5;
    expect(openResources().get('lease')).toBe(leasesBefore + 3);
    rb.unregister();
    expect(openResources().get('lease')).toBe(leasesBefore + 3 - 1);
  });

  it('holds owners weakly: a dropped owner stops being counted once collected', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const base = openResources().get('weakling') ?? 0;
    (() => {
      reportOpenResources({ n: 7 }, (o) => ({ weakling: o.n }));
    })();
    expect(openResources().get('weakling')).toBe(base + 7);
    for (let i = 0; i < 5 && (openResources().get('weakling') ?? 0) > base; i++) {
      await new Promise((r) => setTimeout(r, 10));
      gc();
    }
    expect(openResources().get('weakling') ?? 0).toBe(base);
  });
});
