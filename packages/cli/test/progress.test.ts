import { describe, expect, it } from 'vitest';
import { createProgressLine } from '../src/progress.js';

function terminal(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { write: (s: string) => writes.push(s), isTTY }, writes };
}

const at = (filesScanned: number) => ({ filesScanned, bytesScanned: filesScanned * 1024, findings: 1 });

describe('createProgressLine', () => {
  it('does nothing when the stream is not a terminal', () => {
    expect(createProgressLine(terminal(false).stream)).toBeUndefined();
  });

  it('draws after one second, at most ten times a second, and clears the line at the end', () => {
    let now = 0;
    const { stream, writes } = terminal(true);
    const progress = createProgressLine(stream, () => now);
    now = 999;
    progress?.update(at(10));
    expect(writes).toEqual([]);
    now = 1000;
    progress?.update(at(20));
    now = 1050;
    progress?.update(at(30));
    now = 1100;
    progress?.update(at(40));
    progress?.done();
    expect(writes).toEqual([
      '\r\u001b[2Kleakguard: 20 files scanned (20 KiB), 1 findings so far…',
      '\r\u001b[2Kleakguard: 40 files scanned (40 KiB), 1 findings so far…',
      '\r\u001b[2K',
    ]);
  });

  it('leaves the terminal alone at the end when it never drew', () => {
    const { stream, writes } = terminal(true);
    const progress = createProgressLine(stream, () => 0);
    progress?.update(at(1));
    progress?.done();
    expect(writes).toEqual([]);
  });
});
