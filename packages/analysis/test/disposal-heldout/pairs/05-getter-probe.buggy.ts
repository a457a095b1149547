// A health getter opens a fresh probe (a Disposable holding a socket) every time it is read, and
// never disposes it: each dashboard refresh leaks one.
import { Probe } from 'heldout-metrics';

export class Upstream {
  constructor(readonly url: string) {}

  get healthy(): boolean {
    const probe = new Probe(this.url); // leak: a probe is opened on every read of the getter and never disposed
    return probe.check();
  }
}
