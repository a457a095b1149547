// A probe set owns one probe per upstream through a DisposableStack: bound with `using` while the
// probes are opened, then moved into a field once all of them are.
import { Probe } from 'heldout-metrics';

export class ProbeSet implements Disposable {
  readonly #stack: DisposableStack;
  readonly probes: readonly Probe[];

  constructor(urls: readonly string[]) {
    using stack = new DisposableStack();
    const probes: Probe[] = [];
    for (const url of urls) probes.push(stack.use(new Probe(url)));
    this.probes = probes;
    this.#stack = stack.move();
  }

  [Symbol.dispose](): void {
    this.#stack.dispose();
  }
}
