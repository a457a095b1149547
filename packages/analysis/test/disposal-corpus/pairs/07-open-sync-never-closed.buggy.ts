// An audit trail appends a line per event through its own descriptor and never closes it: one
// descriptor per event until the process hits its limit.
import fs from 'node:fs';

export function appendAuditLine(path: string, event: string): void {
  const fd = fs.openSync(path, 'a'); // leak: descriptor never closed
  fs.writeSync(fd, `${new Date().toISOString()} ${event}\n`);
  fs.fsyncSync(fd);
}
