import { Socket } from 'node:net';

/** The services integration tests use, where they listen, and how to start each (DESIGN.md). */
export const SERVICES = {
  postgres: {
    label: 'PostgreSQL',
    host: '127.0.0.1',
    port: 5432,
    start: 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
  },
  mariadb: {
    label: 'MariaDB',
    host: '127.0.0.1',
    port: 3306,
    start: 'start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd',
  },
  redis: {
    label: 'Redis',
    host: '127.0.0.1',
    port: 6379,
    start: 'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log',
  },
} as const;

export type ServiceName = keyof typeof SERVICES;

export interface ServiceAddress {
  readonly label: string;
  readonly host: string;
  readonly port: number;
  readonly start: string;
}

/**
 * Resolves when the service accepts TCP connections; otherwise rejects with an error that
 * names the service, its address and the command that starts it. Tests call this in
 * beforeAll: a service that is down fails the test, it never skips it.
 */
export async function requireService(name: ServiceName, address: ServiceAddress = SERVICES[name], timeoutMs = 2000): Promise<void> {
  try {
    await new Promise<void>((resolve, reject) => {
      const socket = new Socket();
      const fail = (error: Error): void => {
        socket.destroy();
        reject(error);
      };
      socket.setTimeout(timeoutMs, () => fail(new Error(`no answer within ${timeoutMs} ms`)));
      socket.once('error', fail);
      socket.connect(address.port, address.host, () => {
        // destroy, not end: a server that speaks first (MariaDB's handshake) never ends its side.
        socket.destroy();
        resolve();
      });
    });
  } catch (error) {
    throw new Error(
      `${address.label} is not reachable at ${address.host}:${address.port} (${error instanceof Error ? error.message : String(error)}). ` +
        `This test needs it; start it with: ${address.start}`,
      { cause: error },
    );
  }
}
