// Iterators and generator objects are Disposable since TypeScript 5.6, but they hold nothing that
// outlives them.
export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

export function firstKey(map: ReadonlyMap<string, number>): string | undefined {
  const entries = map.entries();
  const first = entries.next();
  return first.done === true ? undefined : first.value[0];
}

export function countChunks(items: readonly number[]): number {
  const batches = chunks(items, 10);
  let count = 0;
  for (let batch = batches.next(); batch.done !== true; batch = batches.next()) count++;
  return count;
}

export function firstEven(values: readonly number[]): number | undefined {
  const iterator = values[Symbol.iterator]();
  for (let step = iterator.next(); step.done !== true; step = iterator.next()) {
    if (step.value % 2 === 0) return step.value;
  }
  return undefined;
}

export async function* lines(text: string): AsyncGenerator<string> {
  for (const line of text.split('\n')) yield line;
}

export async function firstLine(text: string): Promise<string | undefined> {
  const stream = lines(text);
  const step = await stream.next();
  return step.done === true ? undefined : step.value;
}

export function keysOf(set: ReadonlySet<string>): string[] {
  const keys = set.keys();
  return Array.from(keys);
}
