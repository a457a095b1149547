// A health getter opens a fresh probe every time it is read and disposes it with `using`.
import { Probe } from 'heldout-metrics';

export class Upstream {
  constructor(readonly url: string) {}

  get healthy(): boolean {
    using probe = new Probe(this.url);
    return probe.check();
  }
}
