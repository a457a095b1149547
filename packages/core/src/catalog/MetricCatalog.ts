import type { MetricDefinition } from './MetricDefinition.js';
import { MetricDefinitionError, validateDefinition } from './MetricDefinition.js';
import { prometheusName, prometheusNameProblem } from './prometheusNames.js';

/**
 * An ordered table of metric definitions. `define` validates each entry on its own and
 * against the others (duplicate OTel names, and distinct OTel names that would collide
 * once translated to Prometheus), checks the Prometheus name the way promtool does, and
 * throws MetricDefinitionError at definition time.
 */
export class MetricCatalog implements Iterable<MetricDefinition> {
  readonly #byName = new Map<string, MetricDefinition>();
  readonly #byPrometheusName = new Map<string, MetricDefinition>();

  define<const D extends MetricDefinition>(def: D): D {
    validateDefinition(def);
    const existing = this.#byName.get(def.name);
    if (existing !== undefined) {
      throw new MetricDefinitionError(`metric ${JSON.stringify(def.name)} is already defined (area "${existing.area}"); each metric is defined once`);
    }
    const promName = prometheusName(def);
    const problem = prometheusNameProblem(promName, def.instrument);
    if (problem !== undefined) {
      throw new MetricDefinitionError(
        `metric ${JSON.stringify(def.name)}: its Prometheus name ${promName} ${problem}; ${def.prometheusName === undefined ? 'set prometheusName to a name that follows the Prometheus conventions' : 'fix prometheusName'}`,
      );
    }
    const clash = this.#byPrometheusName.get(promName);
    if (clash !== undefined) {
      throw new MetricDefinitionError(
        `metric ${JSON.stringify(def.name)} translates to the Prometheus name ${promName}, which ${JSON.stringify(clash.name)} already has; rename one of them`,
      );
    }
    const frozen = Object.freeze({ ...def, attributes: Object.freeze(def.attributes.map((a) => Object.freeze({ ...a }))) }) as D;
    this.#byName.set(def.name, frozen);
    this.#byPrometheusName.set(promName, frozen);
    return frozen;
  }

  get(name: string): MetricDefinition | undefined {
    return this.#byName.get(name);
  }

  get size(): number {
    return this.#byName.size;
  }

  list(): readonly MetricDefinition[] {
    return [...this.#byName.values()];
  }

  [Symbol.iterator](): Iterator<MetricDefinition> {
    return this.#byName.values();
  }
}
