const MULTIPLIERS: Readonly<Record<string, number>> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/**
 * `--max-file-size` values as ripgrep takes them: a number of bytes, optionally with a `K`, `M`
 * or `G` suffix (powers of 1024; `KB`/`KiB` spellings accepted too). Undefined when it is not one
 * or is not positive.
 */
export function parseByteSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?$/iu.exec(text.trim());
  if (m === null) return undefined;
  const bytes = Math.floor(Number(m[1]) * (MULTIPLIERS[(m[2] ?? '').toLowerCase()] ?? 1));
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}
