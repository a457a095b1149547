// The fix: close() closes the server.
import http from 'node:http';

export class MetricsEndpoint {
  private server: http.Server | undefined;
  private readonly samples = new Map<string, number>();

  start(port: number): void {
    this.server = http.createServer((_request, response) => {
      response.end([...this.samples].map(([name, value]) => `${name} ${value}`).join('\n'));
    });
    this.server.listen(port);
  }

  record(name: string, value: number): void {
    this.samples.set(name, value);
  }

  close(): void {
    this.samples.clear();
    this.server?.close();
    this.server = undefined;
  }
}
