// The fix: both ways out of the connection stop the heartbeat.
import { Socket } from 'node:net';

export class HeartbeatClient {
  private socket: Socket | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  connect(host: string, port: number): void {
    const socket = new Socket();
    this.socket = socket;
    socket.on('close', () => this.onSocketClose());
    socket.connect(port, host);
    this.heartbeat = setInterval(() => this.socket?.write('ping\n'), 5_000);
  }

  disconnect(): void {
    this.stopHeartbeat();
    this.socket?.end();
    this.socket = undefined;
  }

  private onSocketClose(): void {
    this.stopHeartbeat();
    this.socket = undefined;
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }
}
