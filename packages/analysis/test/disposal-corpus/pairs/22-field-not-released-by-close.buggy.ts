// A report writer keeps its output file open between writes; close() flushes the buffer but never
// closes the handle, so every finished report leaves a descriptor behind.
import { open, type FileHandle } from 'node:fs/promises';

export class ReportWriter {
  private handle: FileHandle | undefined;
  private readonly buffered: string[] = [];

  async open(path: string): Promise<void> {
    this.handle = await open(path, 'w'); // leak: close() never closes the handle
  }

  write(line: string): void {
    this.buffered.push(line);
  }

  async close(): Promise<void> {
    if (this.handle === undefined) return;
    await this.handle.write(this.buffered.splice(0).join('\n'));
  }
}
