// The fix: close() flushes, then closes the handle even when the flush fails.
import { open, type FileHandle } from 'node:fs/promises';

export class ReportWriter {
  private handle: FileHandle | undefined;
  private readonly buffered: string[] = [];

  async open(path: string): Promise<void> {
    this.handle = await open(path, 'w');
  }

  write(line: string): void {
    this.buffered.push(line);
  }

  async close(): Promise<void> {
    const handle = this.handle;
    if (handle === undefined) return;
    this.handle = undefined;
    try {
      await handle.write(this.buffered.splice(0).join('\n'));
    } finally {
      await handle.close();
    }
  }
}
