// A start-up wait prints progress dots while polling; the interval is cleared on both returns
// but not when the probe rejects, and the dots go on forever.
export async function waitUntilReady(probe: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const progress = setInterval(() => process.stdout.write('.'), 500); // leak: not cleared when the probe throws
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) {
      clearInterval(progress);
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  clearInterval(progress);
  return false;
}
