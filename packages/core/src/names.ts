import { InvalidOptionError } from './errors.js';

/**
 * Names of live instances per kind ("registry", "sweeper", ...). Names label metrics, so two
 * live instances with one name would overwrite each other's series. An instance frees its
 * name when it closes, or when it is garbage-collected without closing.
 */
const live = new Map<string, Map<string, WeakRef<object>>>();

/** Claims `name` for `owner`; throws when another live instance of `kind` holds it. */
export function claimName(kind: string, name: string, owner: object): void {
  let names = live.get(kind);
  if (names === undefined) {
    names = new Map();
    live.set(kind, names);
  }
  const holder = names.get(name)?.deref();
  if (holder !== undefined && holder !== owner) {
    throw new InvalidOptionError(
      `a ${kind} named ${JSON.stringify(name)} is already open; its name labels its metrics, so each open ${kind} needs its own name (close the other one first, or choose another name)`,
    );
  }
  names.set(name, new WeakRef(owner));
}

/** Frees `name` if `owner` holds it. */
export function releaseName(kind: string, name: string, owner: object): void {
  const names = live.get(kind);
  if (names?.get(name)?.deref() === owner) names.delete(name);
}
