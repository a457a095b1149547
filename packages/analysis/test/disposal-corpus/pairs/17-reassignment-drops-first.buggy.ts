// Falls back to a second file when the first is empty, and overwrites the first descriptor
// without closing it.
import fs from 'node:fs';

export function readSettings(primaryPath: string, fallbackPath: string): string {
  let fd = fs.openSync(primaryPath, 'r'); // leak: overwritten by the fallback without being closed
  if (fs.fstatSync(fd).size === 0) {
    fd = fs.openSync(fallbackPath, 'r');
  }
  try {
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}
