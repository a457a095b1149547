// The fix: each file is read through its own descriptor, closed in finally.
import fs from 'node:fs';

function readText(path: string): string {
  const fd = fs.openSync(path, 'r');
  try {
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}

export function readSettings(primaryPath: string, fallbackPath: string): string {
  const primary = readText(primaryPath);
  return primary.length > 0 ? primary : readText(fallbackPath);
}
