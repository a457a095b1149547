// Stored in fields of classes whose close/dispose/stop releases them.
import http from 'node:http';
import { open, type FileHandle } from 'node:fs/promises';
import pg from 'pg';

export class Repository {
  private readonly client: pg.Client;

  constructor(config: pg.ClientConfig) {
    this.client = new pg.Client(config);
  }

  async count(table: string): Promise<number> {
    const result = await this.client.query(`SELECT count(*) AS n FROM ${table}`);
    return Number(result.rows[0]?.n ?? 0);
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

export class JournalFile implements AsyncDisposable {
  private handle: FileHandle | undefined;

  async open(path: string): Promise<void> {
    this.handle = await open(path, 'a');
  }

  async append(line: string): Promise<void> {
    await this.handle?.appendFile(`${line}\n`);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }
}

export class HealthServer {
  private readonly server: http.Server;
  private readonly sweeper: NodeJS.Timeout;

  constructor(port: number) {
    this.server = http.createServer((_request, response) => response.end('ok'));
    this.server.listen(port);
    this.sweeper = setInterval(() => this.server.closeIdleConnections(), 10_000);
  }

  stop(): void {
    clearInterval(this.sweeper);
    this.server.close();
  }
}
