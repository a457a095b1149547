import type { Logger, ResourceRegistry } from '@leakguard/core';
import { assertInteger, defaultResourceRegistry, openResourceItems, stderrLogger } from '@leakguard/core';
import { describeOpenResource } from './openResources.js';
import type { HandleTracker } from './tracker/HandleTracker.js';
import { activeHandleTracker, untracked } from './tracker/HandleTracker.js';
import { formatAge, formatReport } from './tracker/formatReport.js';

export interface ExplainExitOptions {
  /** How long after the call the process may still run before the explanation is printed. Required. */
  readonly afterMs: number;
  /** Whose still-registered resources to name. Default: the process-wide `defaultResourceRegistry()`. */
  readonly registry?: ResourceRegistry;
  /** Where the explanation goes, as one `warn`. Default: stderr. */
  readonly logger?: Logger;
  /** Creation sites come from it. Default: the tracker `trackHandles()` started, if any. */
  readonly tracker?: HandleTracker;
}

/** Cancels a pending explanation; `dispose` and `cancel` are the same. */
export interface ExitExplanation extends Disposable {
  cancel(): void;
}

/**
 * Call when shutdown begins: if the process is still running `afterMs` later, logs what keeps it
 * alive — `process.getActiveResourcesInfo()` counts, the tracker's creation sites when one is on,
 * leakguard's open pools, leases and queues (`pool "db" lease acquired at src/jobs/sync.ts:41:5,
 * held 93 s`) and the resources still in the ResourceRegistry (`pool "db" registered 93 s ago`).
 * Its timer is unref'd, so it never keeps the process alive itself.
 */
export function explainExit(options: ExplainExitOptions): ExitExplanation {
  const afterMs = assertInteger('explainExit', 'afterMs', options.afterMs, 0);
  const logger = options.logger ?? stderrLogger;
  const timer = untracked(() =>
    setTimeout(() => {
      logger.warn(describeWhatKeepsAlive(afterMs, options.registry ?? defaultResourceRegistry(), options.tracker ?? activeHandleTracker()));
    }, afterMs),
  );
  timer.unref();
  const cancel = (): void => clearTimeout(timer);
  return { cancel, [Symbol.dispose]: cancel };
}

/** The explanation explainExit prints, for callers who want it now. */
export function describeWhatKeepsAlive(afterMs: number, registry: ResourceRegistry, tracker: HandleTracker | undefined): string {
  const lines = [`the process is still running ${formatAge(afterMs)} after shutdown began; this keeps it alive:`];
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) ?? 0) + 1);
  const active = [...counts].map(([type, n]) => `${type} × ${n}`).join(', ');
  lines.push(`  active resources (process.getActiveResourcesInfo): ${active === '' ? 'none' : active}`);
  if (tracker === undefined || tracker.stopped) {
    lines.push('  creation sites: unknown; call trackHandles() at startup to record where handles are created');
  } else {
    lines.push('  open handles by creation site (trackHandles):');
    lines.push(formatReport(tracker.report(), { indent: '    ' }));
  }
  const items = openResourceItems().sort((a, b) => b.ageMs - a.ageMs);
  if (items.length === 0) {
    lines.push('  leakguard pools, leases, queues and registries open: none');
  } else {
    lines.push('  leakguard pools, leases, queues and registries open (oldest first):');
    for (const item of items) lines.push(`    ${describeOpenResource(item)}`);
  }
  const now = performance.now();
  const registered = registry.list();
  if (registered.length === 0) {
    lines.push(`  leakguard resources still registered in "${registry.name}": none`);
  } else {
    lines.push(`  leakguard resources still registered in "${registry.name}" (not closed):`);
    for (const r of registered) lines.push(`    ${r.kind} ${JSON.stringify(r.name)} registered ${formatAge(now - r.registeredAt)} ago`);
  }
  return lines.join('\n');
}
