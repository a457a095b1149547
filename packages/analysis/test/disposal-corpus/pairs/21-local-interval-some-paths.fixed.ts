// The fix: clear the interval in finally.
export async function waitUntilReady(probe: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const progress = setInterval(() => process.stdout.write('.'), 500);
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await probe()) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  } finally {
    clearInterval(progress);
  }
}
