import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { captureOpenResourceSites, openResourceItems, openResourceSitesEnabled, openResources, reportOpenResources } from '../../src/lifecycle/openResources.js';

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

  it('lists items only from owners that name them, and forgets them on unregister', () => {
    const lease = {};
    const owner = { held: [lease] };
    const r = reportOpenResources(
      owner,
      (o) => ({ itemised: o.held.length }),
      (o) => o.held.map((ref) => ({ kind: 'itemised', owner: 'pool "items"', ageMs: 5, stack: undefined, ref })),
    );
    using _counted = reportOpenResources({}, () => ({ itemised: 1 }));
    const mine = () => openResourceItems().filter((i) => i.kind === 'itemised');
    expect(mine()).toEqual([{ kind: 'itemised', owner: 'pool "items"', ageMs: 5, stack: undefined, ref: lease }]);
    owner.held = [];
    expect(mine()).toEqual([]);
    owner.held = [lease];
    r.unregister();
    expect(mine()).toEqual([]);
  });

  it('turns site capture on while any caller wants it (calls nest) and never below off', () => {
    // The repository's Vitest handle check may hold it on already: count from there down to off.
    let held = 0;
    while (openResourceSitesEnabled()) {
      captureOpenResourceSites(false);
      held++;
    }
    captureOpenResourceSites(true);
    captureOpenResourceSites(true);
    captureOpenResourceSites(false);
    expect(openResourceSitesEnabled()).toBe(true);
    captureOpenResourceSites(false);
    expect(openResourceSitesEnabled()).toBe(false);
    captureOpenResourceSites(false);
    captureOpenResourceSites(true);
    expect(openResourceSitesEnabled()).toBe(true);
    captureOpenResourceSites(false);
    for (let i = 0; i < held; i++) captureOpenResourceSites(true);
  });
});
