const UNITS = ['bytes', 'KiB', 'MiB', 'GiB'] as const;

/** `2097152` → `2 MiB`, `3300000` → `3.1 MiB`: sizes as the reports print them. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 ? String(value) : value.toFixed(1).replace(/\.0$/u, '');
  return `${shown} ${UNITS[unit] as string}`;
}
