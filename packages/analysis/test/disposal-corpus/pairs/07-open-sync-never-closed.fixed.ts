// The fix: close the descriptor in finally.
import fs from 'node:fs';

export function appendAuditLine(path: string, event: string): void {
  const fd = fs.openSync(path, 'a');
  try {
    fs.writeSync(fd, `${new Date().toISOString()} ${event}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
