import { ResourceRegistry } from '@leakguard/core';
import { noopSink } from './noopSink.js';

/**
 * One ResourceRegistry per round for the leakguard primitives a suite creates, so they never
 * pile up in the process-wide one. `around` fits interleave's option of that name; `current()`
 * is what a trial registers in. The registry's own metrics go nowhere: only the primitives'
 * metrics differ between contenders.
 */
export function roundRegistry(): { around: (round: string, body: () => Promise<void>) => Promise<void>; current: () => ResourceRegistry } {
  let registry: ResourceRegistry | undefined;
  return {
    current: () => {
      if (registry === undefined) throw new Error('bench: a leakguard trial was set up outside a round');
      return registry;
    },
    around: async (round, body) => {
      registry = new ResourceRegistry({ name: `bench-registry-${round}`, meter: noopSink() });
      try {
        await body();
      } finally {
        await registry.close({ timeoutMs: 10_000 });
        registry = undefined;
      }
    },
  };
}

/** interleave's onRound: one progress line with each contender's rate. */
export function roundProgress(progress: (line: string) => void, label: string, rounds: number): (round: number, values: ReadonlyMap<string, number>) => void {
  return (round, values) => {
    const parts = [...values].map(([name, v]) => `${name} ${Math.round(v)}`);
    progress(`${label} round ${round + 1}/${rounds}: ${parts.join(', ')}`);
  };
}
