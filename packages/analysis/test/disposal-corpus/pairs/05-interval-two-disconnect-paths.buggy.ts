// A client sends a heartbeat while connected. disconnect() stops it, but when the server drops the
// socket, onSocketClose() tears the connection down without it: the heartbeat keeps the process
// alive and writes to a dead socket.
import { Socket } from 'node:net';

export class HeartbeatClient {
  private socket: Socket | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  connect(host: string, port: number): void {
    const socket = new Socket();
    this.socket = socket;
    socket.on('close', () => this.onSocketClose());
    socket.connect(port, host);
    this.heartbeat = setInterval(() => this.socket?.write('ping\n'), 5_000); // leak: not cleared when the socket closes
  }

  disconnect(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    this.socket?.end();
    this.socket = undefined;
  }

  private onSocketClose(): void {
    this.socket = undefined;
  }
}
