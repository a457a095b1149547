// listen() and unref() return their receiver: no new resource, and the server here is closed by
// its owner's stop().
import http from 'node:http';

export class StatusPage {
  private readonly server: http.Server;
  private readonly refresh: NodeJS.Timeout;
  private status = 'starting';

  constructor(port: number) {
    this.server = http.createServer((_request, response) => response.end(this.status));
    const listening = this.server.listen(port);
    listening.once('listening', () => {
      this.status = 'up';
    });
    this.refresh = setInterval(() => this.check(), 30_000);
    const timer = this.refresh.unref();
    timer.hasRef();
  }

  stop(): void {
    clearInterval(this.refresh);
    this.server.close();
  }

  private check(): void {
    this.status = this.server.listening ? 'up' : 'down';
  }
}

export function keepRefreshing(timer: NodeJS.Timeout): NodeJS.Timeout {
  const same = timer.ref();
  return same.unref();
}
