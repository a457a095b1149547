// A metrics endpoint tracks its sockets so that stop() can cut keep-alive connections, and closes
// the server too.
import http from 'node:http';
import type { Socket } from 'node:net';

export class MetricsEndpoint {
  #server: http.Server | undefined;
  readonly #sockets = new Set<Socket>();

  constructor(private readonly render: () => string) {}

  get listening(): boolean {
    return this.#server?.listening ?? false;
  }

  start(port: number): void {
    const server = http.createServer((_request, response) => response.end(this.render()));
    server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
    });
    server.listen(port);
    this.#server = server;
  }

  stop(): void {
    this.#server?.close();
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    this.#server = undefined;
  }
}
