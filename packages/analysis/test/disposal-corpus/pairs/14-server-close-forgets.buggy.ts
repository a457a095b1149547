// A metrics endpoint listens on its own port; its close() stops collecting but leaves the server
// listening, so a service that restarts the endpoint gets EADDRINUSE.
import http from 'node:http';

export class MetricsEndpoint {
  private server: http.Server | undefined;
  private readonly samples = new Map<string, number>();

  start(port: number): void {
    this.server = http.createServer((_request, response) => { // leak: close() never closes the server
      response.end([...this.samples].map(([name, value]) => `${name} ${value}`).join('\n'));
    });
    this.server.listen(port);
  }

  record(name: string, value: number): void {
    this.samples.set(name, value);
  }

  close(): void {
    this.samples.clear();
  }
}
