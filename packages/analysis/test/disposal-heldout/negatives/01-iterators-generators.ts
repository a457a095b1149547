// Iterators and generator objects are Disposable since TypeScript 5.6 and are never released in
// practice; the policy does not report them.
function* chunks<T>(items: readonly T[], size: number): Generator<T[], void, undefined> {
  for (let index = 0; index < items.length; index += size) yield items.slice(index, index + size);
}

async function* pages(fetchPage: (cursor: string | undefined) => Promise<{ items: string[]; next?: string }>): AsyncGenerator<string[]> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield page.items;
    cursor = page.next;
  } while (cursor !== undefined);
}

export function chunkSums(values: readonly number[]): number[] {
  const sums: number[] = [];
  const batches = chunks(values, 10);
  for (let step = batches.next(); step.done !== true; step = batches.next()) {
    sums.push(step.value.reduce((a, b) => a + b, 0));
  }
  return sums;
}

export function firstKey(map: ReadonlyMap<string, number>): string | undefined {
  const entries = map.entries();
  const first = entries.next();
  return first.done === true ? undefined : first.value[0];
}

export function pairs(values: readonly string[]): Array<[string, string]> {
  const left = values[Symbol.iterator]();
  const right = values.values();
  right.next();
  const out: Array<[string, string]> = [];
  for (let a = left.next(), b = right.next(); a.done !== true && b.done !== true; a = left.next(), b = right.next()) {
    out.push([a.value, b.value]);
  }
  return out;
}

export async function firstPage(fetchPage: (cursor: string | undefined) => Promise<{ items: string[]; next?: string }>): Promise<string[]> {
  const stream = pages(fetchPage);
  const first = await stream.next();
  return first.done === true ? [] : first.value;
}

export function words(text: string): string[] {
  const matches = text.matchAll(/\w+/gu);
  return Array.from(matches, (match) => match[0]);
}
