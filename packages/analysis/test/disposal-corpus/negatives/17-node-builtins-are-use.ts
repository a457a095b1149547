// Handing a descriptor to fs functions is use, not escape; closeSync in finally releases it.
import fs from 'node:fs';

export function writeLines(path: string, lines: readonly string[]): void {
  const fd = fs.openSync(path, 'w');
  try {
    for (const line of lines) fs.writeSync(fd, `${line}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function fileSize(path: string): number {
  const fd = fs.openSync(path, 'r');
  try {
    return fs.fstatSync(fd).size;
  } finally {
    fs.closeSync(fd);
  }
}
