import { constants } from 'node:os';
import type { Logger } from '../logger.js';
import { stderrLogger } from '../logger.js';
import { InvalidOptionError } from '../errors.js';
import { assertInteger } from '../options.js';
import type { ResourceRegistry } from './ResourceRegistry.js';
import { defaultResourceRegistry } from './ResourceRegistry.js';

export interface ShutdownHooksOptions {
  /** Deadline for disposing everything after the first signal. Default 10 000 ms. */
  readonly timeoutMs?: number;
  /** Signals that start a shutdown. Default `['SIGINT', 'SIGTERM']`. */
  readonly signals?: readonly NodeJS.Signals[];
  /** Registry to dispose. Default: the process-wide `defaultResourceRegistry()`. */
  readonly registry?: ResourceRegistry;
  /** Default: stderr. */
  readonly logger?: Logger;
  /** Called with the exit code once disposal ends (or at the second signal). Default `process.exit`. */
  readonly exit?: (code: number) => void;
}

export interface ShutdownHooks extends Disposable {
  readonly signals: readonly NodeJS.Signals[];
  /** True once a signal (or `shutdown()`) started the shutdown. */
  readonly shuttingDown: boolean;
  /** Runs the shutdown as if `signal` had arrived. */
  shutdown(signal?: NodeJS.Signals): Promise<void>;
  /** Removes the signal listeners. Idempotent. */
  remove(): void;
}

const installed = new Map<ResourceRegistry, ShutdownHooks>();

/**
 * On the first of `signals`: dispose `registry` within `timeoutMs`, then exit with the
 * conventional code 128 + signal number (130 for SIGINT, 143 for SIGTERM). A second signal
 * during the shutdown exits at once with the same convention. Installing twice for one
 * registry returns the hooks already installed. `remove()` restores Node's default handling.
 */
export function installShutdownHooks(options: ShutdownHooksOptions = {}): ShutdownHooks {
  const registry = options.registry ?? defaultResourceRegistry();
  const existing = installed.get(registry);
  if (existing !== undefined) return existing;

  const timeoutMs = assertInteger('installShutdownHooks', 'timeoutMs', options.timeoutMs ?? 10_000, 0);
  const signals = [...(options.signals ?? (['SIGINT', 'SIGTERM'] as const))];
  for (const s of signals) {
    if (!(s in constants.signals)) throw new InvalidOptionError(`installShutdownHooks: ${JSON.stringify(s)} is not a signal name; use names such as SIGINT, SIGTERM`);
  }
  const logger = options.logger ?? stderrLogger;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let shuttingDown: Promise<void> | undefined;

  const codeOf = (signal: NodeJS.Signals): number => 128 + (constants.signals[signal] ?? 0);

  const shutdown = (signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    if (shuttingDown !== undefined) return shuttingDown;
    const code = codeOf(signal);
    // If the event loop empties before disposal ends, Node still exits with this code.
    process.exitCode = code;
    logger.info(`${signal} received: disposing ${registry.size} resources of registry ${JSON.stringify(registry.name)} (deadline ${timeoutMs} ms)`);
    shuttingDown = registry.disposeAll({ timeoutMs }).then(
      () => exit(code),
      (error: unknown) => {
        logger.error(`shutdown after ${signal}: ${error instanceof Error ? error.message : String(error)}`, { error });
        exit(code);
      },
    );
    return shuttingDown;
  };

  const onSignal = (signal: NodeJS.Signals): void => {
    if (shuttingDown !== undefined) {
      logger.warn(`${signal} received again during shutdown: exiting now without waiting for disposal`);
      exit(codeOf(signal));
      return;
    }
    void shutdown(signal);
  };

  for (const s of signals) process.on(s, onSignal);

  const remove = (): void => {
    for (const s of signals) process.off(s, onSignal);
    if (installed.get(registry) === hooks) installed.delete(registry);
  };
  const hooks: ShutdownHooks = {
    signals,
    get shuttingDown() {
      return shuttingDown !== undefined;
    },
    shutdown,
    remove,
    [Symbol.dispose]: remove,
  };
  installed.set(registry, hooks);
  return hooks;
}
