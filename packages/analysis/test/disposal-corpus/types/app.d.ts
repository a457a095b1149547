// Stands in for the application's own code in other files: what it does with a resource it is
// handed is not visible from the file under analysis, so handing one over moves ownership.
declare module 'corpus-app' {
  import type { PoolClient } from 'pg';
  import type { FileHandle } from 'node:fs/promises';

  export interface Logger {
    info(message: string, fields?: Record<string, unknown>): void;
    warn(message: string, fields?: Record<string, unknown>): void;
    error(message: string, fields?: Record<string, unknown>): void;
  }
  export const logger: Logger;

  export function registerClient(client: PoolClient): void;
  export function streamInto(handle: FileHandle, chunks: AsyncIterable<Uint8Array>): Promise<void>;
  export class ReportSession {
    constructor(client: PoolClient, title: string);
    run(): Promise<void>;
    close(): Promise<void>;
  }
  export function sleep(ms: number): Promise<void>;
}
