// One-shot timers end on their own; they are never reported, dropped or not.
export function debounce(run: () => void, delayMs: number): () => void {
  let pending: NodeJS.Timeout | undefined;
  return () => {
    clearTimeout(pending);
    pending = setTimeout(run, delayMs);
  };
}

export function later(message: string): void {
  setTimeout(() => console.log(message), 1000);
  setImmediate(() => console.log(`${message} (immediately)`));
}

export async function delay(ms: number): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
  });
}

export function nextTurn(work: () => void): void {
  const immediate = setImmediate(work);
  if (process.exitCode !== undefined) clearImmediate(immediate);
}
