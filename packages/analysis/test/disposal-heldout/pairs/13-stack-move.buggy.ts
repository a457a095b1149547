// A probe set owns one probe per upstream through a DisposableStack that it moves into a field. The
// stack is bound with `const`, not `using`: when a later Probe constructor throws (a bad URL), the
// probes already on the stack are never disposed.
import { Probe } from 'heldout-metrics';

export class ProbeSet implements Disposable {
  readonly #stack: DisposableStack;
  readonly probes: readonly Probe[];

  constructor(urls: readonly string[]) {
    const stack = new DisposableStack(); // leak: not disposed when a Probe constructor throws before move()
    const probes: Probe[] = [];
    for (const url of urls) probes.push(stack.use(new Probe(url)));
    this.probes = probes;
    this.#stack = stack.move();
  }

  [Symbol.dispose](): void {
    this.#stack.dispose();
  }
}
